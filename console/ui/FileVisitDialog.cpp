#include "ui/FileVisitDialog.h"

#include "models/DurationText.h"
#include "net/ServerAddress.h"
#include "ui/DateOfBirthEdit.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace caredesk::console {

namespace {

const QColor kProblemText(0xb0, 0x00, 0x20);
const QDate kFirstDate(1900, 1, 1);

qsizetype bytes(const std::string &text) {
    return static_cast<qsizetype>(text.size());
}

QLabel *problemLabel(const QString &field, QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setObjectName(field + QStringLiteral("Problem"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    QPalette colours = label->palette();
    colours.setColor(QPalette::WindowText, kProblemText);
    label->setPalette(colours);
    label->hide();
    return label;
}

QString refusalWords(const QString &reason) {
    if (reason == QLatin1String("closed"))
        return FileVisitDialog::tr("the state is closed");
    if (reason == QLatin1String("at_capacity"))
        return FileVisitDialog::tr("the line is full");
    if (reason == QLatin1String("busy"))
        return FileVisitDialog::tr("the state is busy and at its hourly limit");
    return reason;
}

} // namespace

FileVisitDialog::FileVisitDialog(const std::vector<StateQueueRow> &states,
                                 const QString &preselected, const QUrl &webSocketUrl,
                                 QWidget *parent)
    : QDialog(parent)
    , m_states(states)
    , m_webSocketUrl(webSocketUrl) {
    setObjectName(QStringLiteral("fileVisitDialog"));
    setWindowTitle(tr("File a visit"));
    std::sort(m_states.begin(), m_states.end(),
              [](const auto &a, const auto &b) { return a.name.localeAwareCompare(b.name) < 0; });

    // Two pages, one shown at a time; hidden, the other takes no room.
    m_formPage = buildForm();
    m_filedPage = buildFiledPage();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_formPage);
    layout->addWidget(m_filedPage);
    showPage(0);

    const int preselectedRow = m_state->findData(preselected);
    m_state->setCurrentIndex(preselectedRow >= 0 ? preselectedRow : -1);
    setMinimumWidth(560);
}

QWidget *FileVisitDialog::buildForm() {
    auto *page = new QWidget(this);
    auto *intro = new QLabel(
        tr("For a patient on the phone: the same details the patient page asks for. The patient "
           "must be in the state you pick right now."),
        page);
    intro->setWordWrap(true);

    m_notice = new QLabel(page);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(8);
    m_notice->setAutoFillBackground(true);
    QPalette noticeColours = m_notice->palette();
    noticeColours.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xee));
    noticeColours.setColor(QPalette::WindowText, QColor(0x5f, 0x00, 0x12));
    m_notice->setPalette(noticeColours);
    m_notice->hide();

    m_state = new QComboBox(page);
    for (const StateQueueRow &state : m_states) {
        QString status;
        switch (state.status) {
        case domain::StateStatus::Open:
            status = tr("open");
            break;
        case domain::StateStatus::Busy:
            status = tr("busy");
            break;
        case domain::StateStatus::Closed:
            status = tr("closed");
            break;
        }
        m_state->addItem(tr("%1 (%2) · %3").arg(state.name, state.code, status), state.code);
    }
    m_state->setPlaceholderText(tr("Where the patient is now"));

    m_firstName = new QLineEdit(page);
    m_lastName = new QLineEdit(page);
    for (QLineEdit *name : {m_firstName, m_lastName})
        name->setMaxLength(static_cast<int>(protocol::kMaxNameBytes));

    m_dateOfBirth = new DateOfBirthEdit(page);
    m_dateOfBirth->setToolTip(tr("Type the date as year, month, day, or pick it"));

    m_reason = new QPlainTextEdit(page);
    m_reason->setTabChangesFocus(true);
    m_reason->setPlaceholderText(tr("In the patient's words, e.g. sore throat and fever since "
                                    "Monday"));
    m_reason->setFixedHeight(m_reason->fontMetrics().lineSpacing() * 3 + 14);

    m_contact = new QLineEdit(page);
    m_contact->setPlaceholderText(tr("Phone or email"));
    m_contact->setMaxLength(static_cast<int>(protocol::kMaxContactBytes));

    m_consent = new QCheckBox(tr("The patient &agreed to the terms of the virtual visit"), page);

    m_priority = new QSpinBox(page);
    m_priority->setRange(0, static_cast<int>(protocol::kMaxVisitPriority));
    m_priority->setSpecialValueText(tr("0 · normal"));
    m_priority->setToolTip(tr("Higher is seen first. Above 0 also passes a busy state's hourly "
                              "limit."));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addRow = [&](const QString &label, const QString &field, QWidget *input) {
        input->setObjectName(field);
        m_fields.insert(field, input);
        QLabel *problem = problemLabel(field, page);
        m_problems.insert(field, problem);
        auto *cell = new QWidget(page);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        cellLayout->addWidget(input);
        cellLayout->addWidget(problem);
        if (label.isEmpty()) {
            form->addRow(cell);
            return;
        }
        auto *title = new QLabel(label, page);
        title->setBuddy(input);
        form->addRow(title, cell);
    };
    addRow(tr("&State:"), QStringLiteral("state"), m_state);
    addRow(tr("&First name:"), QStringLiteral("firstName"), m_firstName);
    addRow(tr("&Last name:"), QStringLiteral("lastName"), m_lastName);
    addRow(tr("&Date of birth:"), QStringLiteral("dateOfBirth"), m_dateOfBirth);
    addRow(tr("&Reason:"), QStringLiteral("reason"), m_reason);
    addRow(tr("&Contact:"), QStringLiteral("contact"), m_contact);
    addRow(tr("&Priority:"), QStringLiteral("priority"), m_priority);
    addRow({}, QStringLiteral("consent"), m_consent);

    auto *buttons = new QDialogButtonBox(page);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_file = buttons->addButton(tr("File visit"), QDialogButtonBox::AcceptRole);
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setDefault(true);
    connect(m_file, &QPushButton::clicked, this, &FileVisitDialog::submit);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(intro);
    layout->addWidget(m_notice);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    return page;
}

QWidget *FileVisitDialog::buildFiledPage() {
    auto *page = new QWidget(this);
    auto *heading = new QLabel(tr("The visit is in line"), page);
    QFont font = heading->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setWeight(QFont::DemiBold);
    heading->setFont(font);

    m_filedSummary = new QLabel(page);
    m_filedSummary->setObjectName(QStringLiteral("filedSummary"));
    m_filedSummary->setTextFormat(Qt::PlainText);
    m_filedSummary->setWordWrap(true);

    auto *linkLabel = new QLabel(tr("Patient &link:"), page);
    m_link = new QLineEdit(page);
    m_link->setObjectName(QStringLiteral("patientLink"));
    m_link->setReadOnly(true);
    m_link->setAccessibleName(tr("Patient link"));
    linkLabel->setBuddy(m_link);
    m_copy = new QPushButton(tr("&Copy link"), page);
    m_copy->setObjectName(QStringLiteral("copyLink"));
    m_copy->setAutoDefault(false);
    m_copied = new QLabel(page);
    m_copied->setObjectName(QStringLiteral("copied"));
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_link->text());
        m_copied->setText(tr("Copied."));
    });
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_copy);

    auto *note = new QLabel(
        tr("This link is the patient's key to their visit: whoever opens it sees the visit and "
           "can cancel it. Send it only to the patient (for example by text to the number they "
           "gave), and do not paste it anywhere else. The console does not keep it."),
        page);
    note->setObjectName(QStringLiteral("linkNote"));
    note->setWordWrap(true);
    note->setFrameShape(QFrame::StyledPanel);
    note->setMargin(8);
    note->setAutoFillBackground(true);
    QPalette noteColours = note->palette();
    noteColours.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    noteColours.setColor(QPalette::WindowText, QColor(0x3b, 0x2f, 0x00));
    note->setPalette(noteColours);

    auto *buttons = new QDialogButtonBox(page);
    auto *another = buttons->addButton(tr("File &another"), QDialogButtonBox::ActionRole);
    another->setObjectName(QStringLiteral("fileAnother"));
    another->setAutoDefault(false);
    auto *done = buttons->addButton(QDialogButtonBox::Close);
    done->setObjectName(QStringLiteral("done"));
    connect(another, &QPushButton::clicked, this, &FileVisitDialog::startOver);
    connect(done, &QPushButton::clicked, this, &QDialog::accept);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(m_filedSummary);
    layout->addSpacing(6);
    layout->addWidget(linkLabel);
    layout->addLayout(linkRow);
    layout->addWidget(m_copied);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(buttons);
    return page;
}

QHash<QString, QString> FileVisitDialog::problemsOf(const protocol::FileVisit &request,
                                                    const QDate &today) {
    QHash<QString, QString> problems;
    const protocol::VisitRequest &patient = request.patient;
    if (patient.state.size() != 2)
        problems.insert(QStringLiteral("state"), tr("Pick the state the patient is in now."));
    const auto name = [&](const QString &field, const std::string &value, const QString &what) {
        if (value.empty())
            problems.insert(field, tr("Enter the patient's %1.").arg(what));
        else if (bytes(value) > static_cast<qsizetype>(protocol::kMaxNameBytes))
            problems.insert(field, tr("Too long: at most %1 bytes.").arg(protocol::kMaxNameBytes));
    };
    name(QStringLiteral("firstName"), patient.firstName, tr("first name"));
    name(QStringLiteral("lastName"), patient.lastName, tr("last name"));
    const QDate born = QDate::fromString(QString::fromStdString(patient.dateOfBirth), Qt::ISODate);
    if (!born.isValid())
        problems.insert(QStringLiteral("dateOfBirth"), tr("Enter the date of birth."));
    else if (born < kFirstDate || born > today)
        problems.insert(QStringLiteral("dateOfBirth"), tr("A date from 1900-01-01 to today."));
    if (patient.reason.empty())
        problems.insert(QStringLiteral("reason"), tr("Say why the patient needs a visit."));
    else if (bytes(patient.reason) > static_cast<qsizetype>(protocol::kMaxReasonBytes))
        problems.insert(QStringLiteral("reason"), tr("Too long: at most %1 bytes, %2 now.")
                                                      .arg(protocol::kMaxReasonBytes)
                                                      .arg(bytes(patient.reason)));
    if (bytes(patient.contact) < 3)
        problems.insert(QStringLiteral("contact"),
                        tr("A phone number or email to reach the patient."));
    else if (bytes(patient.contact) > static_cast<qsizetype>(protocol::kMaxContactBytes))
        problems.insert(QStringLiteral("contact"),
                        tr("Too long: at most %1 bytes.").arg(protocol::kMaxContactBytes));
    if (!patient.consent)
        problems.insert(QStringLiteral("consent"),
                        tr("A visit can be filed only once the patient agreed to the terms."));
    if (request.priority < 0 || request.priority > protocol::kMaxVisitPriority)
        problems.insert(QStringLiteral("priority"),
                        tr("From 0 (normal) to %1.").arg(protocol::kMaxVisitPriority));
    return problems;
}

std::optional<protocol::FileVisit> FileVisitDialog::request() {
    protocol::FileVisit request;
    protocol::VisitRequest &patient = request.patient;
    patient.state = m_state->currentData().toString().toStdString();
    patient.firstName = m_firstName->text().trimmed().toStdString();
    patient.lastName = m_lastName->text().trimmed().toStdString();
    if (m_dateOfBirth->isSet())
        patient.dateOfBirth = m_dateOfBirth->date().toString(Qt::ISODate).toStdString();
    patient.reason = m_reason->toPlainText().trimmed().toStdString();
    patient.contact = m_contact->text().trimmed().toStdString();
    patient.consent = m_consent->isChecked();
    request.priority = m_priority->value();

    clearProblems();
    const auto problems = problemsOf(request, QDate::currentDate());
    if (problems.isEmpty())
        return request;
    // In the order of the form, so the focus goes to the first one.
    QWidget *first = nullptr;
    for (const char *name : {"state", "firstName", "lastName", "dateOfBirth", "reason", "contact",
                             "priority", "consent"}) {
        const QString field = QLatin1String(name);
        if (!problems.contains(field))
            continue;
        setProblem(field, problems.value(field));
        if (!first)
            first = m_fields.value(field);
    }
    if (first)
        first->setFocus(Qt::OtherFocusReason);
    return std::nullopt;
}

void FileVisitDialog::submit() {
    if (m_filing)
        return;
    m_notice->hide();
    const auto filled = request();
    if (!filled)
        return;
    m_patientName =
        QString::fromStdString(filled->patient.firstName + " " + filled->patient.lastName);
    setFiling(true);
    emit submitted(*filled);
}

void FileVisitDialog::reject() {
    // Closed before the answer, a filed visit's link would be lost. An answer
    // always comes: the server's, or the console's own when the link drops.
    if (m_filing)
        return;
    QDialog::reject();
}

void FileVisitDialog::setFiling(bool filing) {
    m_filing = filing;
    m_file->setEnabled(!filing);
    m_cancel->setEnabled(!filing);
    m_file->setText(filing ? tr("Filing…") : tr("File visit"));
}

void FileVisitDialog::showFiled(const FiledVisit &visit) {
    if (!m_filing)
        return;
    setFiling(false);
    QString where = visit.stateCode;
    for (const StateQueueRow &state : m_states) {
        if (state.code == visit.stateCode)
            where = state.name;
    }
    QString summary = visit.position ? tr("%1 is number %2 in line in %3.")
                                           .arg(m_patientName)
                                           .arg(*visit.position)
                                           .arg(where)
                                     : tr("%1 is in line in %2.").arg(m_patientName, where);
    if (visit.estimatedWaitSeconds)
        summary += QLatin1Char(' ') +
                   tr("Estimated wait: %1.").arg(estimateText(*visit.estimatedWaitSeconds));
    m_filedSummary->setText(summary);
    m_link->setText(ServerAddress::patientVisitLink(m_webSocketUrl, visit.token).toString());
    m_link->setCursorPosition(0);
    // Wide enough to read the whole link before sending it.
    m_link->setMinimumWidth(
        std::min(m_link->fontMetrics().horizontalAdvance(m_link->text()) + 24, 900));
    m_copied->clear();
    showPage(1);
    m_copy->setFocus(Qt::OtherFocusReason);
}

void FileVisitDialog::showRefused(const IntakeRefusal &refusal) {
    if (!m_filing)
        return;
    setFiling(false);
    QString text = tr("Not filed: %1.").arg(refusalWords(refusal.reason));
    if (!refusal.message.isEmpty())
        text += QLatin1Char(' ') + refusal.message;
    if (refusal.nextOpenAtMs)
        text += QLatin1Char(' ') + tr("Opens again %1 (your time).")
                                       .arg(QDateTime::fromMSecsSinceEpoch(*refusal.nextOpenAtMs)
                                                .toLocalTime()
                                                .toString(QStringLiteral("ddd yyyy-MM-dd HH:mm")));
    showNotice(text);
}

void FileVisitDialog::showFailed(const QString &code, const QString &message,
                                 const QString &field) {
    if (!m_filing)
        return;
    setFiling(false);
    const QString why = message.isEmpty() ? code : message;
    QString name = field;
    if (name.startsWith(QLatin1String("body.")))
        name.remove(0, 5);
    if (m_problems.contains(name)) {
        setProblem(name, why);
        m_fields.value(name)->setFocus(Qt::OtherFocusReason);
        return;
    }
    showNotice(tr("Not filed: %1").arg(why));
}

void FileVisitDialog::showPage(int page) {
    m_formPage->setVisible(page == 0);
    m_filedPage->setVisible(page == 1);
    // Size changes reach the layouts on the event loop; settle them first.
    layout()->activate();
    // Not adjustSize(): it caps windows at two thirds of the screen, which
    // would cut the link short on a small one. The link's width is capped.
    QSize size = sizeHint().expandedTo(minimumSize());
    // Wrapped text guesses its height for a narrower width; ask for this one.
    if (layout()->hasHeightForWidth())
        size.setHeight(std::max(layout()->totalHeightForWidth(size.width()), minimumHeight()));
    resize(size);
}

void FileVisitDialog::setProblem(const QString &field, const QString &text) {
    QLabel *label = m_problems.value(field);
    if (!label)
        return;
    label->setText(text);
    label->show();
    if (QWidget *input = m_fields.value(field))
        input->setAccessibleDescription(text);
}

void FileVisitDialog::clearProblems() {
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it) {
        it.value()->clear();
        it.value()->hide();
        if (QWidget *input = m_fields.value(it.key()))
            input->setAccessibleDescription(QString());
    }
}

void FileVisitDialog::showNotice(const QString &text) {
    m_notice->setText(text);
    m_notice->show();
}

void FileVisitDialog::startOver() {
    m_link->clear(); // the token is not kept around once done with
    m_copied->clear();
    m_firstName->clear();
    m_lastName->clear();
    m_dateOfBirth->clearDate();
    m_reason->clear();
    m_contact->clear();
    m_consent->setChecked(false);
    m_priority->setValue(0);
    m_notice->hide();
    clearProblems();
    showPage(0);
    m_firstName->setFocus(Qt::OtherFocusReason);
}

QString FileVisitDialog::problemText(const QString &field) const {
    const QLabel *label = m_problems.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

QString FileVisitDialog::noticeText() const {
    return m_notice->isHidden() ? QString() : m_notice->text();
}

QString FileVisitDialog::linkText() const {
    return m_link->text();
}

QString FileVisitDialog::filedText() const {
    return m_filedSummary->text();
}

} // namespace caredesk::console
