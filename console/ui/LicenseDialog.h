#pragma once

#include "state/CaregiverAccountRow.h"
#include "state/LicenseRow.h"
#include "state/RequestFailure.h"
#include "ui/FormErrors.h"

#include <QDialog>
#include <QSet>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace caredesk::console {

// Records a provider's state license or changes one: provider, state, number,
// type, dates, review status and note. Checked as typed with the server's
// rules (domain/AccountRules.h); what the server refuses is said at its field.
class LicenseDialog : public QDialog {
    Q_OBJECT

public:
    // providers: the accounts a license may belong to (provider role).
    // states: the state codes CareDesk serves, offered in the state field.
    LicenseDialog(const QList<caredesk::console::CaregiverAccountRow> &providers,
                  const QStringList &states, const std::optional<LicenseRow> &editing,
                  QWidget *parent = nullptr);

    bool isNew() const { return !m_editing.has_value(); }
    std::optional<qint64> licenseId() const;
    LicenseDraft draft() const;

    void showFailure(const caredesk::console::RequestFailure &failure);
    // What is said under a field ("caregiverId", "state", "number", "type",
    // "issuedOn", "expiresOn", "status", "reviewNote") or, for "", above the buttons.
    QString errorText(const QString &field) const { return m_errors.text(field); }
    bool isBusy() const { return m_busy; }

    QComboBox *providerBox() const { return m_provider; }
    QComboBox *stateBox() const { return m_state; }
    QLineEdit *numberEdit() const { return m_number; }
    QComboBox *typeBox() const { return m_type; }
    QCheckBox *issuedKnown() const { return m_issuedKnown; }
    QDateEdit *issuedEdit() const { return m_issued; }
    QDateEdit *expiresEdit() const { return m_expires; }
    QComboBox *statusBox() const { return m_status; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    QPushButton *saveButton() const { return m_save; }

signals:
    void saveRequested();

private:
    void validate();
    void touch(const QString &field);
    void submit();
    void setBusy(bool busy);

    std::optional<LicenseRow> m_editing;
    QComboBox *m_provider;
    QComboBox *m_state;
    QLineEdit *m_number;
    QComboBox *m_type;
    QCheckBox *m_issuedKnown;
    QDateEdit *m_issued;
    QDateEdit *m_expires;
    QComboBox *m_status;
    QPlainTextEdit *m_note;
    QPushButton *m_save;
    FormErrors m_errors;
    QSet<QString> m_touched;
    QHash<QString, QString> m_serverErrors;
    bool m_busy = false;
};

} // namespace caredesk::console
