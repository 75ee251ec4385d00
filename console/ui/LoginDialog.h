#pragma once

#include <QDialog>
#include <QTimer>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;

namespace caredesk::console {

// Asks for the server, username and password. It only collects and checks what
// was typed: signInRequested goes out, and whoever performs the sign-in reports
// back with one of the show*() calls. The last server and username that
// worked are remembered (QSettings); the password never is.
class LoginDialog : public QDialog {
    Q_OBJECT

public:
    explicit LoginDialog(QWidget *parent = nullptr);

    QString serverText() const;
    QString username() const;
    QString errorText() const;
    bool isBusy() const { return m_busy; }

    void setServerText(const QString &server);
    void setUsername(const QString &username);
    // A note above the fields, e.g. why the password is asked for again.
    void setNotice(const QString &notice);

    // While busy the fields are locked and the button says "Signing in…".
    void setBusy(bool busy);
    void showError(const QString &message);
    // code is the protocol error name from ServerConnection::authenticationFailed.
    void showAuthenticationFailure(const QString &code, const QString &message,
                                   int retryAfterSeconds);
    void showServerUnreachable(const QString &reason);
    // Stores the server and username of the sign-in that just succeeded.
    void rememberSuccessfulSignIn();

signals:
    void signInRequested(const QUrl &webSocketUrl, const QString &username,
                         const QString &password);
    // "I have an activation code…": a new caregiver sets their password first.
    void activationRequested();

private:
    void submit();
    void updateThrottleCountdown();
    void focusFirstEmptyField();

    QLabel *m_notice;
    QLineEdit *m_server;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_error;
    QPushButton *m_signIn;
    QPushButton *m_quit;
    QPushButton *m_activation;
    bool m_busy = false;
    QTimer m_throttleTimer;
    int m_throttleSecondsLeft = 0;
};

} // namespace caredesk::console
