#include "iwb/commands/configcommand.h"

#include "core/settings/settings.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Workbench::Cli {

namespace {

namespace {
// The messages of this file, under one translation context.
struct Messages
{
    Q_DECLARE_TR_FUNCTIONS(Workbench::Cli::ConfigCommand)
};
} // namespace

QString knownKeys()
{
    QStringList keys;
    for (const auto &preference : Settings::preferences())
        keys << preference.key;
    return keys.join(u", "_s);
}

// Checks the KEY argument; on a wrong one ends the invocation and returns false.
bool checkKey(Invocation &invocation, const QString &key)
{
    if (Settings::isPreference(key))
        return true;
    invocation.usageError(Messages::tr("unknown key '%1'; the keys are: %2").arg(key, knownKeys()));
    return false;
}

// A settings file that cannot be read: a warning, and the defaults are shown.
void warnAboutDamage(Invocation &invocation, const Settings &settings)
{
    if (settings.isDamaged())
        invocation.err() << invocation.commandPath() << ": warning: " << settings.damage() << ' '
                         << Messages::tr("The defaults are shown.") << ' ' << settings.recoveryHint() << '\n';
}

void warnAboutRefusal(Invocation &invocation, const Settings &settings, const QString &key)
{
    const QString refusal = settings.preferenceRefusal(key);
    if (!refusal.isEmpty())
        invocation.err() << invocation.commandPath() << ": warning: " << refusal << ' '
                         << Messages::tr("The default is shown.") << '\n';
}

// A settings file that cannot be read is never written: ends the invocation and returns false.
bool checkWritable(Invocation &invocation, const Settings &settings)
{
    if (!settings.isDamaged())
        return true;
    invocation.fail(settings.damage() + u' ' + Messages::tr("Nothing was changed.") + u' ' + settings.recoveryHint());
    return false;
}

void finishWrite(Invocation &invocation, Settings &settings)
{
    const QString error = settings.sync();
    if (error.isEmpty())
        invocation.succeed();
    else
        invocation.fail(error);
}

Positional keyArgument()
{
    return {u"KEY"_s, Messages::tr("The preference, e.g. agent.url ('iwb config list' shows them all).")};
}

class ListCommand : public Command
{
public:
    ListCommand()
        : Command(u"list"_s, Messages::tr("Show every preference with its value."))
    {
    }
    QList<QCommandLineOption> options() const override
    {
        return {QCommandLineOption(u"json"_s, Messages::tr("Print the preferences as a JSON array."))};
    }
    void run(Invocation &invocation) override
    {
        Settings settings;
        warnAboutDamage(invocation, settings);
        QJsonArray rows;
        for (const auto &preference : Settings::preferences()) {
            warnAboutRefusal(invocation, settings, preference.key);
            const QString value = settings.preferenceText(preference.key);
            const QString refusal = settings.preferenceRefusal(preference.key);
            const bool isSet = settings.isPreferenceSet(preference.key) && refusal.isEmpty();
            if (invocation.isSet(u"json"_s)) {
                QJsonObject row{{u"key"_s, preference.key},
                                {u"value"_s, value},
                                {u"default"_s, !isSet},
                                {u"description"_s, preference.description}};
                if (!refusal.isEmpty())
                    row.insert(u"refused"_s, refusal);
                rows.append(row);
            } else {
                invocation.out() << preference.key << " = " << value;
                if (!isSet)
                    invocation.out() << "  " << Messages::tr("(default)");
                invocation.out() << "\n    " << preference.description << '\n';
            }
        }
        if (invocation.isSet(u"json"_s))
            invocation.printJson(QJsonDocument(rows));
        invocation.succeed();
    }
};

class GetCommand : public Command
{
public:
    GetCommand()
        : Command(u"get"_s, Messages::tr("Print the value of one preference."))
    {
    }
    QList<Positional> positionals() const override { return {keyArgument()}; }
    void run(Invocation &invocation) override
    {
        const QString key = invocation.positionalArguments().constFirst();
        if (!checkKey(invocation, key))
            return;
        Settings settings;
        warnAboutDamage(invocation, settings);
        warnAboutRefusal(invocation, settings, key);
        invocation.out() << settings.preferenceText(key) << '\n';
        invocation.succeed();
    }
};

class SetCommand : public Command
{
public:
    SetCommand()
        : Command(u"set"_s, Messages::tr("Change one preference."))
    {
    }
    QList<Positional> positionals() const override
    {
        return {keyArgument(), {u"VALUE"_s, Messages::tr("The new value.")}};
    }
    QStringList examples() const override { return {u"iwb config set agent.url http://10.0.0.5:42699"_s}; }
    void run(Invocation &invocation) override
    {
        const QStringList args = invocation.positionalArguments();
        if (!checkKey(invocation, args.at(0)))
            return;
        Settings settings;
        if (!checkWritable(invocation, settings))
            return;
        const QString error = settings.setPreferenceText(args.at(0), args.at(1));
        if (!error.isEmpty())
            return invocation.usageError(error);
        finishWrite(invocation, settings);
    }
};

class UnsetCommand : public Command
{
public:
    UnsetCommand()
        : Command(u"unset"_s, Messages::tr("Return one preference to its default."))
    {
    }
    QList<Positional> positionals() const override { return {keyArgument()}; }
    void run(Invocation &invocation) override
    {
        const QString key = invocation.positionalArguments().constFirst();
        if (!checkKey(invocation, key))
            return;
        Settings settings;
        if (!checkWritable(invocation, settings))
            return;
        settings.resetPreference(key);
        finishWrite(invocation, settings);
    }
};

class ConfigGroup : public CommandGroup
{
public:
    ConfigGroup()
        : CommandGroup(u"config"_s, Messages::tr("Show and change the preferences shared with the window."))
    {
    }
    QString description() const override
    {
        return Messages::tr("Shows and changes the preferences that the workbench window and iwb share. They "
                            "are stored in an INI file in the XDG config location (see 'iwb status'). "
                            "Secrets are never stored there.");
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeConfigCommand()
{
    auto group = std::make_unique<ConfigGroup>();
    group->add(std::make_unique<ListCommand>());
    group->add(std::make_unique<GetCommand>());
    group->add(std::make_unique<SetCommand>());
    group->add(std::make_unique<UnsetCommand>());
    return group;
}

} // namespace Workbench::Cli
