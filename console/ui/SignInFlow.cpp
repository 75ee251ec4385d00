#include "ui/SignInFlow.h"

#include "net/ServerConnection.h"
#include "state/SessionState.h"
#include "ui/LoginDialog.h"
#include "ui/MainWindow.h"

namespace caredesk::console {

SignInFlow::SignInFlow(ServerConnection &connection, SessionState &state, MainWindow &mainWindow,
                       QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_state(state)
    , m_mainWindow(mainWindow) {
    connect(&m_connection, &ServerConnection::stateChanged, &m_state, &SessionState::setConnection);
    connect(&m_connection, &ServerConnection::sessionStarted, this, &SignInFlow::onSessionStarted);
    connect(&m_connection, &ServerConnection::authenticationFailed, this,
            &SignInFlow::onAuthenticationFailed);
    connect(&m_connection, &ServerConnection::serverUnreachable, this,
            &SignInFlow::onServerUnreachable);
    connect(&m_connection, &ServerConnection::sessionExpired, this, &SignInFlow::onSessionExpired);
    connect(&m_connection, &ServerConnection::loggedOut, this, &SignInFlow::onLoggedOut);
    connect(&m_mainWindow, &MainWindow::logOutRequested, &m_connection, &ServerConnection::logOut);
    m_state.setConnection(m_connection.state());
}

SignInFlow::~SignInFlow() {
    delete m_activation;
    delete m_dialog;
}

void SignInFlow::start(const QString &server, const QString &username) {
    showDialog(server, username, {});
}

void SignInFlow::signInDirectly(const QUrl &webSocketUrl, const QString &server,
                                const QString &username, const QString &password) {
    m_server = server;
    m_username = username;
    m_activating = false;
    m_connection.logIn(webSocketUrl, username, password);
}

LoginDialog *SignInFlow::showDialog(const QString &server, const QString &username,
                                    const QString &notice) {
    if (!m_dialog) {
        // A child of the main window, so it is centred on it when the window
        // is up and goes away with it.
        m_dialog = new LoginDialog(&m_mainWindow);
        connect(m_dialog, &LoginDialog::signInRequested, this,
                [this](const QUrl &url, const QString &user, const QString &password) {
                    m_server = m_dialog->serverText();
                    m_username = user;
                    m_activating = false;
                    m_connection.logIn(url, user, password);
                });
        connect(m_dialog, &LoginDialog::activationRequested, this, &SignInFlow::showActivation);
        connect(m_dialog, &QDialog::rejected, this, [this] {
            m_connection.disconnectFromServer();
            emit quitRequested();
        });
    }
    if (!server.isEmpty())
        m_dialog->setServerText(server);
    if (!username.isEmpty())
        m_dialog->setUsername(username);
    m_dialog->setNotice(notice);
    m_dialog->setBusy(false);
    m_dialog->setWindowModality(m_mainWindow.isVisible() ? Qt::WindowModal : Qt::NonModal);
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

void SignInFlow::showActivation() {
    if (!m_activation) {
        m_activation = new ActivationDialog(&m_mainWindow);
        connect(m_activation, &ActivationDialog::activationRequested, this,
                [this](const QUrl &url, const QString &code, const QString &password) {
                    m_server = m_activation->serverText();
                    m_activating = true;
                    m_connection.activate(url, code, password);
                });
        // Back, Escape or the window's close: the ordinary sign-in again.
        connect(m_activation, &ActivationDialog::backRequested, this, [this] {
            closeActivation();
            showDialog(m_server, m_username, {});
        });
        connect(m_activation, &QDialog::rejected, this, [this] {
            closeActivation();
            showDialog(m_server, m_username, {});
        });
    }
    const QString server = m_dialog ? m_dialog->serverText() : m_server;
    m_activation->setServerText(server);
    if (m_dialog)
        m_dialog->hide();
    m_activation->setWindowModality(m_mainWindow.isVisible() ? Qt::WindowModal : Qt::NonModal);
    m_activation->show();
    m_activation->raise();
    m_activation->activateWindow();
}

void SignInFlow::closeActivation() {
    m_activating = false;
    if (!m_activation)
        return;
    ActivationDialog *dialog = m_activation;
    m_activation = nullptr;
    dialog->disconnect(this);
    dialog->hide();
    dialog->deleteLater();
}

void SignInFlow::onSessionStarted(const SessionInfo &session, bool resumed) {
    m_username = session.username;
    m_state.setCaregiver(session);
    // The window comes up before the dialog goes, so there is never a moment
    // with no window at all.
    m_mainWindow.show();
    const bool activated = std::exchange(m_activating, false);
    closeActivation();
    if (activated && m_dialog) {
        // Next time they sign in with their password: server and username are ready.
        m_dialog->setServerText(m_server);
        m_dialog->setUsername(session.username);
    }
    if (m_dialog) {
        if (!resumed)
            m_dialog->rememberSuccessfulSignIn();
        // Not close(): that would count as the person dismissing the dialog.
        LoginDialog *dialog = m_dialog;
        m_dialog = nullptr;
        dialog->disconnect(this);
        dialog->hide();
        dialog->deleteLater();
    }
    emit signedIn();
}

void SignInFlow::onAuthenticationFailed(const QString &code, const QString &message,
                                        int retryAfter) {
    if (m_activating && m_activation) {
        m_activating = false;
        m_activation->showActivationFailure(code, message, retryAfter);
        return;
    }
    showDialog(m_server, m_username, {})->showAuthenticationFailure(code, message, retryAfter);
}

void SignInFlow::onServerUnreachable(const QString &reason) {
    if (m_activating && m_activation) {
        m_activating = false;
        m_activation->showServerUnreachable(reason);
        return;
    }
    showDialog(m_server, m_username, {})->showServerUnreachable(reason);
}

void SignInFlow::onSessionExpired() {
    closeActivation();
    m_state.clearCaregiver();
    showDialog(m_server, m_username,
               tr("Your session has ended. Enter your password to continue."));
}

void SignInFlow::onLoggedOut() {
    closeActivation();
    m_state.clearCaregiver();
    showDialog(m_server, m_username, {});
    m_mainWindow.saveLayout();
    m_mainWindow.hide();
}

} // namespace caredesk::console
