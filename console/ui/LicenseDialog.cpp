#include "ui/LicenseDialog.h"

#include "domain/AccountRules.h"
#include "protocol/AccountMessages.h"
#include "state/ProtocolText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {

QString sentence(const std::optional<std::string> &problem) {
    if (!problem)
        return {};
    QString text = fromStd(*problem);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text + QLatin1Char('.');
}

QString trimmed(const QString &text) {
    return fromStd(domain::trimmed(text.toStdString()));
}

// The field (at its own width when compact) with its error under it, across
// the form's width.
QWidget *fieldWithError(QWidget *field, QLabel *error, QWidget *parent, bool compact = false) {
    auto *box = new QWidget(parent);
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    if (compact) {
        field->setMinimumWidth(150);
        layout->addWidget(field, 0, Qt::AlignLeft);
    } else {
        layout->addWidget(field);
    }
    layout->addWidget(error);
    return box;
}

const QStringList kStatuses{QStringLiteral("pending"), QStringLiteral("verified"),
                            QStringLiteral("rejected")};

} // namespace

LicenseDialog::LicenseDialog(const QList<CaregiverAccountRow> &providers, const QStringList &states,
                             const std::optional<LicenseRow> &editing, QWidget *parent)
    : QDialog(parent)
    , m_editing(editing)
    , m_provider(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_number(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_issuedKnown(new QCheckBox(tr("Recorded"), this))
    , m_issued(new QDateEdit(this))
    , m_expires(new QDateEdit(this))
    , m_status(new QComboBox(this))
    , m_note(new QPlainTextEdit(this))
    , m_save(new QPushButton(tr("Save"), this)) {
    setObjectName(QStringLiteral("licenseDialog"));
    setWindowTitle(
        editing
            ? tr("License %1 %2 of %3").arg(editing->state, editing->number, editing->caregiverName)
            : tr("New license"));

    m_provider->setObjectName(QStringLiteral("licenseProvider"));
    for (const CaregiverAccountRow &provider : providers)
        m_provider->addItem(tr("%1 (%2)").arg(provider.displayName, provider.username),
                            provider.id);
    m_provider->setCurrentIndex(-1);
    m_state->setObjectName(QStringLiteral("licenseState"));
    m_state->setEditable(true);
    m_state->addItems(states);
    m_state->setCurrentIndex(-1);
    m_state->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z]{0,2}")), m_state));
    m_number->setObjectName(QStringLiteral("licenseNumber"));
    m_number->setMaxLength(static_cast<int>(protocol::kMaxLicenseNumberBytes));
    m_type->setObjectName(QStringLiteral("licenseType"));
    m_type->setEditable(true);
    m_type->addItems({QString(), QStringLiteral("MD"), QStringLiteral("DO"), QStringLiteral("NP"),
                      QStringLiteral("PA"), QStringLiteral("RN")});
    m_type->lineEdit()->setPlaceholderText(tr("optional, e.g. MD"));
    m_state->lineEdit()->setPlaceholderText(tr("e.g. TX"));
    m_issuedKnown->setObjectName(QStringLiteral("licenseIssuedKnown"));
    for (QDateEdit *date : {m_issued, m_expires}) {
        date->setCalendarPopup(true);
        date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_issued->setObjectName(QStringLiteral("licenseIssued"));
    m_issued->setDate(QDate::currentDate());
    m_issued->setEnabled(false);
    m_expires->setObjectName(QStringLiteral("licenseExpires"));
    m_expires->setDate(QDate::currentDate().addYears(2));
    m_status->setObjectName(QStringLiteral("licenseStatus"));
    m_status->addItem(tr("Pending review"), kStatuses[0]);
    m_status->addItem(tr("Verified with the state board"), kStatuses[1]);
    m_status->addItem(tr("Rejected"), kStatuses[2]);
    m_note->setObjectName(QStringLiteral("licenseNote"));
    m_note->setPlaceholderText(tr("optional: how it was verified, or why it was rejected"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 4);
    m_save->setObjectName(QStringLiteral("saveLicense"));
    m_save->setDefault(true);

    const auto label = [this](const char *name) {
        return FormErrors::makeLabel(this, QLatin1String(name));
    };
    QLabel *providerError = label("caregiverIdError");
    QLabel *stateError = label("stateError");
    QLabel *numberError = label("numberError");
    QLabel *typeError = label("typeError");
    QLabel *issuedError = label("issuedOnError");
    QLabel *expiresError = label("expiresOnError");
    QLabel *statusError = label("statusError");
    QLabel *noteError = label("reviewNoteError");
    QLabel *general = label("generalError");
    m_errors.addField(QStringLiteral("caregiverId"), m_provider, providerError);
    m_errors.addField(QStringLiteral("state"), m_state, stateError);
    m_errors.addField(QStringLiteral("number"), m_number, numberError);
    m_errors.addField(QStringLiteral("type"), m_type, typeError);
    m_errors.addField(QStringLiteral("issuedOn"), m_issued, issuedError);
    m_errors.addField(QStringLiteral("expiresOn"), m_expires, expiresError);
    m_errors.addField(QStringLiteral("status"), m_status, statusError);
    m_errors.addField(QStringLiteral("reviewNote"), m_note, noteError);
    m_errors.setGeneralLabel(general);

    auto *issuedRow = new QWidget(this);
    auto *issuedLayout = new QHBoxLayout(issuedRow);
    issuedLayout->setContentsMargins(0, 0, 0, 0);
    issuedLayout->addWidget(m_issuedKnown);
    issuedLayout->addWidget(m_issued, 1);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("P&rovider"), fieldWithError(m_provider, providerError, this));
    form->addRow(tr("&State"), fieldWithError(m_state, stateError, this, true));
    form->addRow(tr("N&umber"), fieldWithError(m_number, numberError, this));
    form->addRow(tr("&Type"), fieldWithError(m_type, typeError, this, true));
    form->addRow(tr("&Issued"), fieldWithError(issuedRow, issuedError, this, true));
    form->addRow(tr("&Expires"), fieldWithError(m_expires, expiresError, this, true));
    form->addRow(tr("St&atus"), fieldWithError(m_status, statusError, this, true));
    form->addRow(tr("N&ote"), fieldWithError(m_note, noteError, this));

    auto *hint = new QLabel(tr("Valid through the expiry day in the state's own time. Only a "
                               "verified license that has not expired lets patients in that "
                               "state be routed to the provider."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_save, &QPushButton::clicked, this, &LicenseDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(general);
    layout->addWidget(buttons);
    setMinimumWidth(500);

    if (editing) {
        int provider = m_provider->findData(editing->caregiverId);
        if (provider < 0) { // no longer a provider, or deactivated: still whose it is
            m_provider->addItem(editing->caregiverName, editing->caregiverId);
            provider = m_provider->count() - 1;
        }
        m_provider->setCurrentIndex(provider);
        // A license stays with its provider; record a new one for someone else.
        m_provider->setEnabled(false);
        m_state->setEditText(editing->state);
        m_number->setText(editing->number);
        m_type->setEditText(editing->type);
        m_issuedKnown->setChecked(editing->issuedOn.isValid());
        if (editing->issuedOn.isValid())
            m_issued->setDate(editing->issuedOn);
        m_expires->setDate(editing->expiresOn);
        m_status->setCurrentIndex(
            std::max(0, static_cast<int>(kStatuses.indexOf(editing->status))));
        m_note->setPlainText(editing->reviewNote);
    }

    connect(m_issuedKnown, &QCheckBox::toggled, m_issued, &QWidget::setEnabled);
    connect(m_issuedKnown, &QCheckBox::toggled, this,
            [this] { touch(QStringLiteral("issuedOn")); });
    connect(m_provider, &QComboBox::currentIndexChanged, this,
            [this] { touch(QStringLiteral("caregiverId")); });
    connect(m_state, &QComboBox::currentTextChanged, this,
            [this] { touch(QStringLiteral("state")); });
    connect(m_number, &QLineEdit::textEdited, this, [this] { touch(QStringLiteral("number")); });
    connect(m_type, &QComboBox::currentTextChanged, this,
            [this] { touch(QStringLiteral("type")); });
    connect(m_issued, &QDateEdit::dateChanged, this, [this] { touch(QStringLiteral("issuedOn")); });
    connect(m_expires, &QDateEdit::dateChanged, this,
            [this] { touch(QStringLiteral("expiresOn")); });
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { touch(QStringLiteral("status")); });
    connect(m_note, &QPlainTextEdit::textChanged, this,
            [this] { touch(QStringLiteral("reviewNote")); });
    (editing ? static_cast<QWidget *>(m_number) : m_provider)->setFocus();
    validate();
}

std::optional<qint64> LicenseDialog::licenseId() const {
    return m_editing ? std::optional<qint64>(m_editing->id) : std::nullopt;
}

LicenseDraft LicenseDialog::draft() const {
    LicenseDraft draft;
    if (m_editing) {
        draft.id = m_editing->id;
        draft.expectedVersion = m_editing->version;
    }
    draft.caregiverId = m_provider->currentData().toLongLong();
    draft.state = trimmed(m_state->currentText()).toUpper();
    draft.number = trimmed(m_number->text());
    draft.type = trimmed(m_type->currentText());
    if (m_issuedKnown->isChecked())
        draft.issuedOn = m_issued->date();
    draft.expiresOn = m_expires->date();
    draft.status = m_status->currentData().toString();
    draft.reviewNote = trimmed(m_note->toPlainText());
    return draft;
}

void LicenseDialog::touch(const QString &field) {
    m_touched.insert(field);
    m_serverErrors.remove(field);
    validate();
}

void LicenseDialog::validate() {
    const LicenseDraft license = draft();
    QHash<QString, QString> problems;
    problems.insert(QStringLiteral("caregiverId"),
                    license.caregiverId > 0 ? QString() : tr("Choose the provider."));
    problems.insert(QStringLiteral("state"), license.state.size() == 2
                                                 ? QString()
                                                 : tr("A state code of two letters, e.g. TX."));
    problems.insert(QStringLiteral("number"),
                    sentence(domain::checkLicenseNumber(license.number.toStdString())));
    problems.insert(QStringLiteral("type"),
                    sentence(domain::checkLicenseType(license.type.toStdString())));
    problems.insert(QStringLiteral("expiresOn"),
                    license.issuedOn.isValid() && license.expiresOn < license.issuedOn
                        ? tr("A license cannot expire before it was issued.")
                        : QString());
    problems.insert(QStringLiteral("reviewNote"),
                    license.reviewNote.toUtf8().size() >
                            static_cast<qsizetype>(protocol::kMaxReviewNoteBytes)
                        ? tr("A note has at most %1 bytes.").arg(protocol::kMaxReviewNoteBytes)
                        : QString());
    bool valid = true;
    for (auto it = problems.cbegin(); it != problems.cend(); ++it) {
        valid = valid && it->isEmpty();
        const QString server = m_serverErrors.value(it.key());
        m_errors.set(it.key(), !server.isEmpty()              ? server
                               : m_touched.contains(it.key()) ? *it
                                                              : QString());
    }
    for (const QString &key : {QStringLiteral("issuedOn"), QStringLiteral("status")})
        m_errors.set(key, m_serverErrors.value(key));
    m_save->setEnabled(valid && !m_busy);
}

void LicenseDialog::submit() {
    if (m_busy)
        return;
    for (const QString &field :
         {QStringLiteral("caregiverId"), QStringLiteral("state"), QStringLiteral("number"),
          QStringLiteral("type"), QStringLiteral("expiresOn"), QStringLiteral("reviewNote")})
        m_touched.insert(field);
    validate();
    if (!m_save->isEnabled()) {
        m_errors.focusFirst();
        return;
    }
    m_errors.setGeneral({});
    setBusy(true);
    emit saveRequested();
}

void LicenseDialog::setBusy(bool busy) {
    m_busy = busy;
    m_save->setText(busy ? tr("Saving…") : tr("Save"));
    validate();
}

void LicenseDialog::showFailure(const RequestFailure &failure) {
    setBusy(false);
    QString text = failure.message;
    if (failure.code == QLatin1String("conflict") &&
        failure.field == QLatin1String("body.expectedVersion"))
        text = tr("Someone else changed this license since you opened it.");
    else if (failure.code == QLatin1String("unavailable"))
        text = tr("Not sent: %1. Try again in a moment.").arg(failure.message);
    const QString key = m_errors.keyOf(failure.field);
    if (!key.isEmpty())
        m_serverErrors.insert(key, text);
    m_errors.showServerError(failure.field, text);
    if (key.isEmpty())
        m_errors.setGeneral(text);
    validate();
}

} // namespace caredesk::console
