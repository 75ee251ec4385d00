#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;

namespace caredesk::console {

// Asks why a visit is taken out of line. The reason is required: it is shown
// to caregivers and kept in the audit trail. Common reasons are offered; any
// text may be typed.
class RemoveVisitDialog : public QDialog {
    Q_OBJECT

public:
    RemoveVisitDialog(const QString &patientName, QWidget *parent = nullptr);

    // The reason as it will be sent: trimmed.
    QString reason() const;
    void setReason(const QString &reason);

private:
    void validate();

    QComboBox *m_reason;
    QLabel *m_problem;
    QPushButton *m_remove;
};

} // namespace caredesk::console
