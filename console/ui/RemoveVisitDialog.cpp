#include "ui/RemoveVisitDialog.h"

#include "protocol/VisitMessages.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace caredesk::console {

RemoveVisitDialog::RemoveVisitDialog(const QString &patientName, QWidget *parent)
    : QDialog(parent)
    , m_reason(new QComboBox(this))
    , m_problem(new QLabel(this)) {
    setObjectName(QStringLiteral("removeVisitDialog"));
    setWindowTitle(tr("Remove from line"));

    auto *question =
        new QLabel(tr("Why is %1 taken out of line? The reason is kept in the visit's history.")
                       .arg(patientName),
                   this);
    question->setTextFormat(Qt::PlainText);
    question->setWordWrap(true);

    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setEditable(true);
    m_reason->setInsertPolicy(QComboBox::NoInsert);
    m_reason->addItems({tr("Duplicate request"), tr("Needs emergency or in-person care"),
                        tr("Patient asked to leave the line"), tr("Not reachable"),
                        tr("Outside the service area")});
    m_reason->setCurrentIndex(-1);
    m_reason->lineEdit()->setPlaceholderText(tr("Reason"));
    m_reason->setMinimumWidth(360);
    question->setBuddy(m_reason);

    m_problem->setObjectName(QStringLiteral("problem"));
    QPalette warning = m_problem->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    m_problem->setPalette(warning);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_remove = buttons->addButton(tr("Remove"), QDialogButtonBox::AcceptRole);
    m_remove->setObjectName(QStringLiteral("remove"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_reason, &QComboBox::currentTextChanged, this, &RemoveVisitDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(m_reason);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    validate();
}

QString RemoveVisitDialog::reason() const {
    return m_reason->currentText().trimmed();
}

void RemoveVisitDialog::setReason(const QString &reason) {
    m_reason->setEditText(reason);
    validate();
}

void RemoveVisitDialog::validate() {
    const qsizetype bytes = reason().toUtf8().size();
    QString problem;
    if (bytes > static_cast<qsizetype>(protocol::kMaxRemovalReasonBytes))
        problem = tr("Keep the reason under %1 characters.").arg(protocol::kMaxRemovalReasonBytes);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_remove->setEnabled(bytes > 0 && problem.isEmpty());
}

} // namespace caredesk::console
