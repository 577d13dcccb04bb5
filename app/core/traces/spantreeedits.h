#pragma once

#include "core/traces/span.h"
#include "core/traces/spantreemodel.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace Workbench {

// What the Span Trees editor's edits do to the spans, apart from the undo stack that makes
// them steps: the spans an addition makes (ids, the trace, a start inside the parent's time),
// the copy a duplicate makes (new ids, parentIds following), where a move, an indent or an
// outdent takes a span and whether it may go there, and the ids a span and its subtree take
// in their new place. The document's root node (SpanTreeModel::rootNode()) is the one node
// without a parent: its children are the spans at the top.
class SpanTreeEdits
{
    Q_DECLARE_TR_FUNCTIONS(SpanTreeEdits)

public:
    using NewId = std::function<QString()>;

    // Where a span goes: child `row` of `parent`.
    struct Place
    {
        SpanNode *parent = nullptr;
        int row = 0;
        bool operator==(const Place &) const = default;
    };

    // A span about to be inserted at `place`.
    struct Insertion
    {
        Place place;
        Traces::Span span;
    };

    static bool isTop(const SpanNode &node) { return !node.parent || !node.parent->parent; }

    // A new last child of `parent`, in its trace: an EXIT below anything but an EXIT (then
    // the ENTRY that answers it, with its name, in a "downstream" service), starting after
    // the children it has while that is inside the parent (else at its start), and lasting
    // at most half the parent and never past its end. `now` stands in for a parent without
    // a start.
    static Insertion child(SpanNode &parent, const QString &spanId, qint64 now);
    // A new span after `node`: beside it under the same parent, of its type and service,
    // starting where it ends (or at the parent's start when that is past the parent's end)
    // and not lasting past the parent's end. At the top, or without `node`, it is a new
    // trace of one ENTRY (traceId = its spanId) after `node`, or at the end of `root`.
    static Insertion sibling(SpanNode *node, SpanNode &root, const QString &spanId, qint64 now);

    // A copy of `node` and its subtree: a new spanId for each, parentIds following. With
    // `newTrace` (a copy at the top) the spans of the node's trace take the copy's spanId
    // as traceId, so it is a trace of its own.
    static std::unique_ptr<SpanNode> copy(const SpanNode &node, bool newTrace, const NewId &newId);
    // Where a duplicate of `node` goes: right after it. At the top it is a trace of its own.
    static Place duplicatePlace(SpanNode &node) { return {node.parent, node.row + 1}; }

    // Whether `node` may become a child of `newParent`: not under itself or its own subtree.
    static bool canMoveUnder(const SpanNode &node, const SpanNode &newParent);
    // Whether a move of `node` to `place` is one: allowed and not where it is.
    static bool isMove(const SpanNode &node, const Place &place);
    // Up or down among its siblings; indent: the last child of the sibling before it;
    // outdent: right after its parent, one level up. Nothing where it cannot go.
    static std::optional<Place> up(SpanNode &node);
    static std::optional<Place> down(SpanNode &node);
    static std::optional<Place> indent(SpanNode &node);
    static std::optional<Place> outdent(SpanNode &node);
    // A drop at `row` of `newParent` (-1: at the end), as the model is asked for it: the
    // row counted without the node itself.
    static Place dropPlace(const SpanNode &node, SpanNode &newParent, int row);

    struct Ids
    {
        SpanNode *node = nullptr;
        QString parentId;
        QString traceId;
        bool operator==(const Ids &) const = default;
    };
    // The ids `node` and its subtree take under `newParent`: parentId follows the parent;
    // under a parent of another trace the spans of the node's trace take that trace's id;
    // at the top the node starts a trace of its own (traceId = its spanId). The node first.
    static std::vector<Ids> idsUnder(SpanNode &node, const SpanNode &newParent);
    // The spans of `node`'s subtree, the node included, that are in trace `traceId`: those
    // that follow a change of the node's traceId.
    static std::vector<SpanNode *> inTrace(SpanNode &node, const QString &traceId);
};

} // namespace Workbench
