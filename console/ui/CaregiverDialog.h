#pragma once

#include "state/CaregiverAccountRow.h"
#include "state/RequestFailure.h"
#include "ui/FormErrors.h"

#include <QDialog>
#include <QSet>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace caredesk::console {

// Creates a caregiver account or changes one: username (new accounts only),
// name, roles and contact details. Every field is checked as it is typed with
// the rules the server applies (domain/AccountRules.h), and what the server
// still refuses is said under the field it names. Saving only asks: the
// window sends the request and closes the dialog once the server agrees.
class CaregiverDialog : public QDialog {
    Q_OBJECT

public:
    // Without an account: a new one.
    explicit CaregiverDialog(const std::optional<CaregiverAccountRow> &editing,
                             QWidget *parent = nullptr);

    bool isNew() const { return !m_editing.has_value(); }
    qint64 caregiverId() const { return m_editing ? m_editing->id : 0; }
    qint64 version() const { return m_editing ? m_editing->version : 0; }
    // Trimmed, as sent.
    QString username() const;
    CaregiverProfileDraft profile() const;

    // The server refused: said at the field it names; the form is editable again.
    void showFailure(const caredesk::console::RequestFailure &failure);
    // What is said under a field ("username", "displayName", "roles", "email",
    // "phone") or, for "", above the buttons.
    QString errorText(const QString &field) const { return m_errors.text(field); }
    bool isBusy() const { return m_busy; }

    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *emailEdit() const { return m_email; }
    QLineEdit *phoneEdit() const { return m_phone; }
    QCheckBox *roleBox(const QString &role) const;
    QPushButton *saveButton() const { return m_save; }

signals:
    void saveRequested();

private:
    void validate();
    void touch(const QString &field);
    void submit();
    void setBusy(bool busy);

    std::optional<CaregiverAccountRow> m_editing;
    QLineEdit *m_username;
    QLineEdit *m_name;
    QCheckBox *m_support;
    QCheckBox *m_provider;
    QCheckBox *m_admin;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QPushButton *m_save;
    FormErrors m_errors;
    QSet<QString> m_touched; // fields whose problems are said (typed in, or a save tried)
    QHash<QString, QString> m_serverErrors; // kept until the field changes
    bool m_busy = false;
};

} // namespace caredesk::console
