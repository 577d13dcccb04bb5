#include "ui/shell/aboutdialog.h"

#include "core/about/buildinfo.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
QList<std::pair<QString, QString>> versionRows()
{
    const BuildInfo info = BuildInfo::current();
    return {
        {AboutDialog::tr("Instana Workbench"), info.applicationVersion},
        {AboutDialog::tr("Qt (runtime)"), info.qtRuntimeVersion},
        {AboutDialog::tr("Qt (built with)"), info.qtBuildVersion},
        {AboutDialog::tr("QtKeychain"), info.qtKeychainVersion},
        {AboutDialog::tr("Compiler"), info.compiler},
        {AboutDialog::tr("Build type"), info.buildType},
        {AboutDialog::tr("Platform"), info.platform},
    };
}
} // namespace

QString AboutDialog::versionsText()
{
    QString text;
    for (const auto &[name, value] : versionRows())
        text += name + u": "_s + value + u'\n';
    return text;
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"about-dialog"_s);
    setWindowTitle(tr("About Instana Workbench"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/icons/app.svg"_s).pixmap(64, 64));

    auto *heading
        = new QLabel(u"<h2>"_s + tr("Instana Workbench %1").arg(BuildInfo::current().applicationVersion) + u"</h2><p>"_s
                         + tr("A native desktop workbench for IBM Instana: fire events at the host "
                              "agent, hand-craft and send span trees, view traces, capture what "
                              "your code sends with a local agent, and browse the REST API.")
                         + u"</p>"_s,
                     this);
    heading->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(heading, 1);

    auto *form = new QFormLayout;
    for (const auto &[name, value] : versionRows()) {
        auto *valueLabel = new QLabel(value, this);
        valueLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(name + u':', valueLabel);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copy-versions"_s);
    connect(copy, &QPushButton::clicked, this, [] { QGuiApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

} // namespace Workbench
