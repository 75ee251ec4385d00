#pragma once

#include "state/CaregiverAccountRow.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace caredesk::console {

// Shows a one-time activation code once, right after it was issued: the admin
// copies it and passes it on; the server keeps only its hash, and this dialog
// forgets it when closed.
class InvitationDialog : public QDialog {
    Q_OBJECT

public:
    explicit InvitationDialog(const caredesk::console::CaregiverInvitation &invitation,
                              QWidget *parent = nullptr);

    QString codeText() const;
    QString expiryText() const;
    QLineEdit *codeEdit() const { return m_code; }
    QPushButton *copyButton() const { return m_copy; }

    // "Tue 4 Jun 2024 14:05 (local time)".
    static QString localExpiry(qint64 expiresAtMs);

protected:
    void done(int result) override;

private:
    QLineEdit *m_code;
    QPushButton *m_copy;
    QLabel *m_expiry;
    QLabel *m_copied;
};

} // namespace caredesk::console
