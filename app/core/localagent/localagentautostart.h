#pragma once

#include <QObject>
#include <QUrl>

namespace Workbench {

class LocalAgent;

// The workbench's embedded default: when the window opens and nothing listens at the agent
// address, which is 127.0.0.1:42699 unless the settings name another, and that address is on
// this machine, start the local agent there, so that events and traces have somewhere to go
// and can be seen. When something else listens there (a real host agent), leave it be and let
// it be the target.
class LocalAgentAutostart : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        Started, // the local agent now listens at the default address
        RealAgentFound, // something else already listens there; it is the target
        OtherTarget, // the target is another agent, chosen by the user
        Disabled, // the setting is off
        Failed, // the port could not be had; message() says why
    };
    Q_ENUM(Outcome)

    explicit LocalAgentAutostart(LocalAgent &agent, QObject *parent = nullptr);

    // Decides, asynchronously, and emits finished() once.
    void run(const QUrl &target, bool enabled);

    Outcome outcome() const { return m_outcome; }
    QString message() const { return m_message; }

Q_SIGNALS:
    void finished(Workbench::LocalAgentAutostart::Outcome outcome);

private:
    void finish(Outcome outcome, const QString &message);

    LocalAgent &m_agent;
    Outcome m_outcome = Outcome::Disabled;
    QString m_message;
};

} // namespace Workbench
