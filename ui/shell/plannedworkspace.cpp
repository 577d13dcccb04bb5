#include "ui/shell/plannedworkspace.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

PlannedWorkspace::PlannedWorkspace(const WorkspaceInfo &info, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"planned-"_s + info.id);

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(info.iconPath).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);

    auto *title = new QLabel(info.title, this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *summary = new QLabel(info.summary, this);
    summary->setWordWrap(true);
    summary->setAlignment(Qt::AlignCenter);

    QString list = u"<p>"_s + tr("This workspace is not built yet in this version. It will offer:") + u"</p><ul>"_s;
    for (const QString &feature : info.features)
        list += u"<li>"_s + feature.toHtmlEscaped() + u"</li>"_s;
    list += u"</ul>"_s;
    auto *features = new QLabel(list, this);
    features->setObjectName(u"features"_s);
    features->setTextFormat(Qt::RichText);
    features->setWordWrap(true);

    auto *column = new QVBoxLayout;
    column->addStretch(2);
    column->addWidget(icon);
    column->addWidget(title);
    column->addWidget(summary);
    column->addSpacing(16);
    column->addWidget(features);
    column->addStretch(3);

    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 4);
    outer->addStretch(1);
}

} // namespace Workbench
