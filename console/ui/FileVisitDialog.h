#pragma once

#include "protocol/VisitMessages.h"
#include "state/IntakeOutcome.h"
#include "state/StateQueueRow.h"

#include <QDate>
#include <QDialog>
#include <QHash>
#include <QUrl>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace caredesk::console {

class DateOfBirthEdit;

// Files a visit for a patient who called in: the intake form the patient page
// has (state, name, date of birth, reason, contact, agreement to the terms)
// plus a priority. The form checks the protocol's limits before sending and
// shows the server's refusals next to the field they name. Once the visit is
// in line it shows the patient's link (the page with the visit's token in the
// fragment) to copy and send to that patient only.
class FileVisitDialog : public QDialog {
    Q_OBJECT

public:
    // states: the states on the board (the enabled ones); preselected: a code.
    FileVisitDialog(const std::vector<StateQueueRow> &states, const QString &preselected,
                    const QUrl &webSocketUrl, QWidget *parent = nullptr);

    // The request as filled in, if every field is within the protocol's
    // limits; otherwise the problems are shown next to their fields.
    std::optional<protocol::FileVisit> request();
    // Field name ("firstName") -> problem, per the protocol's limits; today
    // is the last date of birth allowed.
    static QHash<QString, QString> problemsOf(const protocol::FileVisit &request,
                                              const QDate &today);

    // The server the link points at (the console may have reconnected elsewhere).
    void setServerUrl(const QUrl &webSocketUrl) { m_webSocketUrl = webSocketUrl; }

    // Outcomes (from the channel).
    void showFiled(const caredesk::console::FiledVisit &visit);
    void showRefused(const caredesk::console::IntakeRefusal &refusal);
    void showFailed(const QString &code, const QString &message, const QString &field);

    // For tests and accessibility: what is shown.
    QString problemText(const QString &field) const;
    QString noticeText() const;
    QString linkText() const;
    QString filedText() const;
    bool isFiling() const { return m_filing; }

public slots:
    void reject() override;

signals:
    void submitted(const caredesk::protocol::FileVisit &request);

private:
    QWidget *buildForm();
    QWidget *buildFiledPage();
    void submit();
    void clearProblems();
    void setProblem(const QString &field, const QString &text);
    void showNotice(const QString &text);
    void startOver();
    void showPage(int page);
    void setFiling(bool filing);

    std::vector<StateQueueRow> m_states;
    QUrl m_webSocketUrl;
    bool m_filing = false;
    QString m_patientName;

    QWidget *m_formPage = nullptr;
    QWidget *m_filedPage = nullptr;
    QLabel *m_notice = nullptr;
    QComboBox *m_state = nullptr;
    QLineEdit *m_firstName = nullptr;
    QLineEdit *m_lastName = nullptr;
    DateOfBirthEdit *m_dateOfBirth = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLineEdit *m_contact = nullptr;
    QCheckBox *m_consent = nullptr;
    QSpinBox *m_priority = nullptr;
    QHash<QString, QLabel *> m_problems; // field name -> its problem label
    QHash<QString, QWidget *> m_fields;  // field name -> its input
    QPushButton *m_file = nullptr;
    QPushButton *m_cancel = nullptr;

    QLabel *m_filedSummary = nullptr;
    QLineEdit *m_link = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_copied = nullptr;
};

} // namespace caredesk::console
