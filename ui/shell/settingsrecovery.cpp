#include "ui/shell/settingsrecovery.h"

#include "core/settings/settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Workbench {

namespace {
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::SettingsRecovery)
};
} // namespace

SettingsRecovery::Outcome SettingsRecovery::ask(Settings &settings, QWidget *parent, QString *message)
{
    if (!settings.isDamaged())
        return Outcome::Readable;
    const QString file = QDir::toNativeSeparators(settings.fileName());
    QMessageBox box(QMessageBox::Warning, Messages::tr("Settings Cannot Be Read"),
                    Messages::tr("The workbench cannot read its settings file, so it will not write over it."),
                    QMessageBox::NoButton, parent);
    box.setObjectName(u"settings-damaged-question"_s);
    box.setInformativeText(
        Messages::tr("%1\n\nStart with the defaults: the damaged file is moved aside, next to it, with its "
                     "contents kept.\nKeep it: this session runs with the defaults and saves no settings.")
            .arg(settings.damage()));
    QPushButton *moveAside = box.addButton(Messages::tr("Start with Defaults"), QMessageBox::AcceptRole);
    moveAside->setObjectName(u"settings-damaged-move-aside"_s);
    QPushButton *keep = box.addButton(Messages::tr("Keep It, Save Nothing"), QMessageBox::RejectRole);
    keep->setObjectName(u"settings-damaged-keep"_s);
    box.setDefaultButton(moveAside);
    box.setEscapeButton(keep);
    box.exec();

    if (box.clickedButton() == moveAside) {
        QString error;
        if (const auto aside = settings.moveDamagedAside(&error)) {
            if (message)
                *message = Messages::tr("The damaged settings file was moved aside to %1.")
                               .arg(QDir::toNativeSeparators(*aside));
            return Outcome::MovedAside;
        }
        QMessageBox::warning(parent, Messages::tr("Settings Cannot Be Read"),
                             error + u' ' + Messages::tr("The session runs with the defaults and saves nothing."));
    }
    if (message)
        *message = Messages::tr("Settings are not saved this session: %1 cannot be read.").arg(file);
    return Outcome::KeptUnsaved;
}

} // namespace Workbench
