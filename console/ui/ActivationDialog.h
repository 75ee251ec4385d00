#pragma once

#include "ui/FormErrors.h"

#include <QDialog>
#include <QTimer>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;

namespace caredesk::console {

// For a new caregiver (or one whose access was reset): the activation code
// from their administrator and a password of their own, checked as they type
// against the password policy (domain/PasswordPolicy.h) that the server
// applies. Like LoginDialog it only collects: activationRequested goes out and
// whoever signs in reports back with the show*() calls.
class ActivationDialog : public QDialog {
    Q_OBJECT

public:
    explicit ActivationDialog(QWidget *parent = nullptr);

    QString serverText() const;
    // The code as typed, without spaces or line breaks a copy may have added.
    QString code() const;
    void setServerText(const QString &server);
    bool isBusy() const { return m_busy; }
    void setBusy(bool busy);

    // code: the protocol's error name from ServerConnection::authenticationFailed.
    void showActivationFailure(const QString &code, const QString &message, int retryAfterSeconds);
    void showServerUnreachable(const QString &reason);
    // What is said under "server", "inviteToken", "password", "repeat", or for
    // "" above the buttons.
    QString errorText(const QString &field) const { return m_errors.text(field); }
    QString policyCheckText() const;

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *codeEdit() const { return m_code; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLineEdit *repeatEdit() const { return m_repeat; }
    QPushButton *activateButton() const { return m_activate; }

signals:
    void activationRequested(const QUrl &webSocketUrl, const QString &code,
                             const QString &password);
    // Back to the ordinary sign-in.
    void backRequested();

private:
    void validate();
    void submit();
    void updateThrottleCountdown();

    QLineEdit *m_server;
    QLineEdit *m_code;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_policyCheck;
    QPushButton *m_activate;
    QPushButton *m_back;
    FormErrors m_errors;
    QString m_serverCodeError; // the server's word on the code, until it is edited
    QString m_serverPasswordError;
    bool m_busy = false;
    QTimer m_throttleTimer;
    int m_throttleSecondsLeft = 0;
};

} // namespace caredesk::console
