#include "core/traces/spantreeedits.h"

#include <QtGlobal>

using namespace Qt::StringLiterals;

namespace Workbench {

using Traces::Span;
using Traces::SpanType;

namespace {
QString serviceOf(const SpanNode *node)
{
    return node ? node->span.dataValue(u"service") : QString();
}
} // namespace

SpanTreeEdits::Insertion SpanTreeEdits::child(SpanNode &parentNode, const QString &spanId, qint64 now)
{
    const Span &parent = parentNode.span;
    Span span;
    span.spanId = spanId;
    span.parentId = parent.spanId;
    span.traceId = parent.traceId;
    // What the hierarchy expects: an EXIT calls out of an ENTRY, an ENTRY answers an EXIT.
    const bool afterExit = parent.spanType() == SpanType::Exit;
    span.type = Traces::spanTypeName(afterExit ? SpanType::Entry : SpanType::Exit);
    span.name = afterExit ? parent.name : tr("new call");
    // Within the parent, after the children it has.
    const qint64 start = parent.timestamp.value_or(now);
    const qint64 end = start + parent.duration.value_or(100);
    qint64 childStart = start;
    for (const auto &c : parentNode.children)
        childStart = qMax(childStart, c->span.end());
    if (childStart >= end)
        childStart = start;
    span.timestamp = childStart;
    span.duration = qMax<qint64>(0, qMin((end - childStart), qMax<qint64>(1, parent.duration.value_or(100) / 2)));
    const QString service = serviceOf(&parentNode);
    span.setData(u"service"_s, afterExit ? tr("downstream") : service.isEmpty() ? tr("my-service") : service);
    return {{&parentNode, int(parentNode.children.size())}, span};
}

SpanTreeEdits::Insertion SpanTreeEdits::sibling(SpanNode *node, SpanNode &root, const QString &spanId, qint64 now)
{
    if (node && !isTop(*node)) {
        SpanNode *parentNode = node->parent;
        const Span &parent = parentNode->span;
        Span span;
        span.spanId = spanId;
        span.parentId = parent.spanId;
        span.traceId = parent.traceId;
        span.type = node->span.type;
        span.name = tr("new call");
        span.timestamp = node->span.end();
        if (parent.timestamp && span.timestamp >= parent.end())
            span.timestamp = parent.timestamp;
        span.duration = qMax<qint64>(0, qMin(node->span.duration.value_or(10), parent.end() - *span.timestamp));
        const QString service = serviceOf(node);
        if (!service.isEmpty())
            span.setData(u"service"_s, service);
        return {{parentNode, node->row + 1}, span};
    }
    // At the top: a new trace of one ENTRY.
    Span span;
    span.spanId = spanId;
    span.traceId = span.spanId;
    span.type = Traces::spanTypeName(SpanType::Entry);
    span.name = tr("new entry");
    span.timestamp = node ? node->span.end() : now;
    span.duration = 100;
    const QString service = serviceOf(node);
    span.setData(u"service"_s, service.isEmpty() ? tr("my-service") : service);
    return {{&root, node ? node->row + 1 : int(root.children.size())}, span};
}

std::unique_ptr<SpanNode> SpanTreeEdits::copy(const SpanNode &node, bool newTrace, const NewId &newId)
{
    const QString oldTrace = node.span.traceId;
    QString traceId;
    auto result = std::make_unique<SpanNode>();
    std::vector<std::pair<const SpanNode *, SpanNode *>> todo{{&node, result.get()}};
    while (!todo.empty()) {
        const auto [from, to] = todo.back();
        todo.pop_back();
        to->span = from->span;
        to->span.spanId = newId();
        if (to->parent)
            to->span.parentId = to->parent->span.spanId;
        if (newTrace) {
            if (traceId.isNull())
                traceId = to->span.spanId;
            if (from->span.traceId == oldTrace)
                to->span.traceId = traceId;
        }
        to->children.reserve(from->children.size());
        for (const auto &c : from->children) {
            auto copied = std::make_unique<SpanNode>();
            copied->parent = to;
            copied->row = int(to->children.size());
            todo.emplace_back(c.get(), copied.get());
            to->children.push_back(std::move(copied));
        }
    }
    result->parent = nullptr;
    return result;
}

bool SpanTreeEdits::canMoveUnder(const SpanNode &node, const SpanNode &newParent)
{
    for (const SpanNode *p = &newParent; p; p = p->parent) {
        if (p == &node)
            return false;
    }
    return true;
}

bool SpanTreeEdits::isMove(const SpanNode &node, const Place &place)
{
    return place.parent && canMoveUnder(node, *place.parent) && !(node.parent == place.parent && node.row == place.row);
}

std::optional<SpanTreeEdits::Place> SpanTreeEdits::up(SpanNode &node)
{
    if (!node.parent || node.row == 0)
        return std::nullopt;
    return Place{node.parent, node.row - 1};
}

std::optional<SpanTreeEdits::Place> SpanTreeEdits::down(SpanNode &node)
{
    if (!node.parent || node.row + 1 >= int(node.parent->children.size()))
        return std::nullopt;
    return Place{node.parent, node.row + 1};
}

std::optional<SpanTreeEdits::Place> SpanTreeEdits::indent(SpanNode &node)
{
    if (!node.parent || node.row == 0)
        return std::nullopt;
    SpanNode *newParent = node.parent->children[size_t(node.row - 1)].get();
    return Place{newParent, int(newParent->children.size())};
}

std::optional<SpanTreeEdits::Place> SpanTreeEdits::outdent(SpanNode &node)
{
    if (isTop(node))
        return std::nullopt;
    SpanNode *parent = node.parent;
    return Place{parent->parent, parent->row + 1};
}

SpanTreeEdits::Place SpanTreeEdits::dropPlace(const SpanNode &node, SpanNode &newParent, int row)
{
    if (row < 0)
        row = int(newParent.children.size());
    // `row` counts the node itself when it stays under the same parent and moves down.
    if (node.parent == &newParent && node.row < row)
        --row;
    return {&newParent, row};
}

std::vector<SpanTreeEdits::Ids> SpanTreeEdits::idsUnder(SpanNode &node, const SpanNode &newParent)
{
    const bool top = !newParent.parent;
    const QString parentId = top ? QString() : newParent.span.spanId;
    const QString traceId = top ? node.span.spanId : newParent.span.traceId;
    std::vector<Ids> ids{{&node, parentId, traceId}};
    const QString oldTrace = node.span.traceId;
    if (traceId != oldTrace) {
        for (SpanNode *n : inTrace(node, oldTrace)) {
            if (n != &node)
                ids.push_back({n, n->span.parentId, traceId});
        }
    }
    return ids;
}

std::vector<SpanNode *> SpanTreeEdits::inTrace(SpanNode &node, const QString &traceId)
{
    std::vector<SpanNode *> found;
    std::vector<SpanNode *> todo{&node};
    while (!todo.empty()) {
        SpanNode *n = todo.back();
        todo.pop_back();
        if (n->span.traceId == traceId)
            found.push_back(n);
        for (auto &c : n->children)
            todo.push_back(c.get());
    }
    return found;
}

} // namespace Workbench
