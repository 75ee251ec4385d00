#pragma once

#include "ui/ActivationDialog.h"
#include "ui/LoginDialog.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace caredesk::console {

class MainWindow;
class ServerConnection;
class SessionState;
struct SessionInfo;

// Decides when the person has to sign in: at start, after logging out, and
// when the server ends the session. It shows the sign-in dialog (prefilled with
// what is known), hands what was typed to the connection, reports the outcome
// in the dialog and brings up the main window once signed in. A resumed
// session after a reconnect needs nobody, so nothing is shown then. A new
// caregiver goes from the sign-in dialog to the activation dialog (a code
// from their administrator and a password of their own), which signs in the
// same way.
class SignInFlow : public QObject {
    Q_OBJECT

public:
    SignInFlow(ServerConnection &connection, SessionState &state, MainWindow &mainWindow,
               QObject *parent = nullptr);
    ~SignInFlow() override;

    // Asks for credentials, prefilled with the given server and user when set
    // (otherwise with the remembered ones).
    void start(const QString &server = {}, const QString &username = {});
    // Signs in without asking; the dialog appears only if that fails.
    void signInDirectly(const QUrl &webSocketUrl, const QString &server, const QString &username,
                        const QString &password);

    // The dialog on screen, or nullptr when none is needed.
    LoginDialog *loginDialog() const { return m_dialog; }
    // Instead of the sign-in dialog, for a caregiver with an activation code.
    ActivationDialog *activationDialog() const { return m_activation; }
    // Replaces the sign-in dialog by the activation dialog.
    void showActivation();

signals:
    void signedIn();
    // The person closed the sign-in dialog: there is nothing left to do.
    void quitRequested();

private:
    LoginDialog *showDialog(const QString &server, const QString &username, const QString &notice);
    void onSessionStarted(const SessionInfo &session, bool resumed);
    void onAuthenticationFailed(const QString &code, const QString &message, int retryAfter);
    void onServerUnreachable(const QString &reason);
    void onSessionExpired();
    void onLoggedOut();
    void closeActivation();

    ServerConnection &m_connection;
    SessionState &m_state;
    MainWindow &m_mainWindow;
    QPointer<LoginDialog> m_dialog;
    QPointer<ActivationDialog> m_activation;
    bool m_activating = false; // the sign-in under way spends an activation code
    // Server and user of the sign-in under way or of the current session, to
    // prefill the dialog when the password is asked for again.
    QString m_server;
    QString m_username;
};

} // namespace caredesk::console
