#pragma once

#include <QString>

class QWidget;

namespace Workbench {

class Settings;

// At start, when the settings file cannot be read (Settings::damage()): a question that offers
// to start with the defaults, which moves the damaged file aside (its bytes kept, never
// overwritten), or to go on with the defaults for this session only, writing nothing.
class SettingsRecovery
{
public:
    enum class Outcome {
        Readable, // nothing to ask
        MovedAside, // the damaged file was moved aside; the settings start afresh
        KeptUnsaved, // the damaged file stays; nothing is written to it this session
    };

    // Asks when `settings` is damaged. *message, when given, says what happened in one
    // sentence for the status bar.
    static Outcome ask(Settings &settings, QWidget *parent, QString *message = nullptr);
};

} // namespace Workbench
