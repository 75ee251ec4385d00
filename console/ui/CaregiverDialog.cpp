#include "ui/CaregiverDialog.h"

#include "domain/AccountRules.h"
#include "state/ProtocolText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {

// A rule's refusal as a sentence to show ("A name is required.").
QString sentence(const std::optional<std::string> &problem) {
    if (!problem)
        return {};
    QString text = fromStd(*problem);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text + QLatin1Char('.');
}

QString trimmedText(const QLineEdit *edit) {
    return fromStd(domain::trimmed(edit->text().toStdString()));
}

QWidget *fieldWithError(QWidget *field, QLabel *error, QWidget *parent) {
    auto *box = new QWidget(parent);
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    return box;
}

} // namespace

CaregiverDialog::CaregiverDialog(const std::optional<CaregiverAccountRow> &editing, QWidget *parent)
    : QDialog(parent)
    , m_editing(editing)
    , m_username(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_support(new QCheckBox(tr("Support: runs queues and chats with waiting patients"), this))
    , m_provider(new QCheckBox(tr("Provider: sees patients; needs a license for each state"), this))
    , m_admin(new QCheckBox(tr("Admin: manages accounts, licenses, settings, audit log"), this))
    , m_email(new QLineEdit(this))
    , m_phone(new QLineEdit(this))
    , m_save(new QPushButton(editing ? tr("Save") : tr("Create and invite"), this)) {
    setObjectName(QStringLiteral("caregiverDialog"));
    setWindowTitle(editing ? tr("Edit %1").arg(editing->displayName) : tr("New caregiver"));

    m_username->setObjectName(QStringLiteral("caregiverUsername"));
    m_username->setPlaceholderText(tr("e.g. dana.reyes"));
    m_username->setMaxLength(64);
    m_name->setObjectName(QStringLiteral("caregiverName"));
    m_name->setPlaceholderText(tr("as colleagues and patients see it, e.g. Dr. Dana Reyes"));
    m_support->setObjectName(QStringLiteral("roleSupport"));
    m_provider->setObjectName(QStringLiteral("roleProvider"));
    m_admin->setObjectName(QStringLiteral("roleAdmin"));
    m_email->setObjectName(QStringLiteral("caregiverEmail"));
    m_email->setPlaceholderText(tr("optional"));
    m_phone->setObjectName(QStringLiteral("caregiverPhone"));
    m_phone->setPlaceholderText(tr("optional"));
    m_save->setObjectName(QStringLiteral("saveCaregiver"));
    m_save->setDefault(true);

    auto *roles = new QWidget(this);
    auto *rolesLayout = new QVBoxLayout(roles);
    rolesLayout->setContentsMargins(0, 0, 0, 0);
    rolesLayout->setSpacing(4);
    rolesLayout->addWidget(m_support);
    rolesLayout->addWidget(m_provider);
    rolesLayout->addWidget(m_admin);

    const auto label = [this](const char *name) {
        return FormErrors::makeLabel(this, QLatin1String(name));
    };
    QLabel *usernameError = label("usernameError");
    QLabel *nameError = label("displayNameError");
    QLabel *rolesError = label("rolesError");
    QLabel *emailError = label("emailError");
    QLabel *phoneError = label("phoneError");
    QLabel *general = label("generalError");
    m_errors.addField(QStringLiteral("username"), m_username, usernameError);
    m_errors.addField(QStringLiteral("displayName"), m_name, nameError);
    m_errors.addField(QStringLiteral("roles"), m_support, rolesError);
    m_errors.addField(QStringLiteral("email"), m_email, emailError);
    m_errors.addField(QStringLiteral("phone"), m_phone, phoneError);
    m_errors.setGeneralLabel(general);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    if (editing) {
        m_username->setText(editing->username);
        m_username->setReadOnly(true);
        m_username->setToolTip(tr("A username cannot change: it is how people sign in and "
                                  "how the audit trail names them."));
    }
    form->addRow(tr("&Username"), fieldWithError(m_username, usernameError, this));
    form->addRow(tr("&Name"), fieldWithError(m_name, nameError, this));
    form->addRow(tr("Roles"), fieldWithError(roles, rolesError, this));
    form->addRow(tr("&Email"), fieldWithError(m_email, emailError, this));
    form->addRow(tr("&Phone"), fieldWithError(m_phone, phoneError, this));

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_save, &QPushButton::clicked, this, &CaregiverDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    if (!editing) {
        auto *intro = new QLabel(tr("The account starts without a password. Creating it gives "
                                    "you a one-time activation code to pass on; with it the "
                                    "caregiver chooses their own password."),
                                 this);
        intro->setWordWrap(true);
        layout->addWidget(intro);
    }
    layout->addLayout(form);
    layout->addWidget(general);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    if (editing) {
        m_name->setText(editing->displayName);
        m_support->setChecked(editing->hasRole(QStringLiteral("support")));
        m_provider->setChecked(editing->hasRole(QStringLiteral("provider")));
        m_admin->setChecked(editing->hasRole(QStringLiteral("admin")));
        m_email->setText(editing->email);
        m_phone->setText(editing->phone);
    }
    const auto watch = [this](QLineEdit *edit, const QString &field) {
        connect(edit, &QLineEdit::textEdited, this, [this, field] { touch(field); });
    };
    watch(m_username, QStringLiteral("username"));
    watch(m_name, QStringLiteral("displayName"));
    watch(m_email, QStringLiteral("email"));
    watch(m_phone, QStringLiteral("phone"));
    for (QCheckBox *box : {m_support, m_provider, m_admin})
        connect(box, &QCheckBox::toggled, this, [this] { touch(QStringLiteral("roles")); });
    (editing ? m_name : m_username)->setFocus();
    validate();
}

QString CaregiverDialog::username() const {
    return trimmedText(m_username);
}

CaregiverProfileDraft CaregiverDialog::profile() const {
    CaregiverProfileDraft draft;
    draft.displayName = trimmedText(m_name);
    if (m_support->isChecked())
        draft.roles.append(QStringLiteral("support"));
    if (m_provider->isChecked())
        draft.roles.append(QStringLiteral("provider"));
    if (m_admin->isChecked())
        draft.roles.append(QStringLiteral("admin"));
    draft.email = trimmedText(m_email);
    draft.phone = trimmedText(m_phone);
    return draft;
}

QCheckBox *CaregiverDialog::roleBox(const QString &role) const {
    if (role == QLatin1String("support"))
        return m_support;
    if (role == QLatin1String("provider"))
        return m_provider;
    if (role == QLatin1String("admin"))
        return m_admin;
    return nullptr;
}

void CaregiverDialog::touch(const QString &field) {
    m_touched.insert(field);
    m_serverErrors.remove(field);
    validate();
}

void CaregiverDialog::validate() {
    const CaregiverProfileDraft draft = profile();
    QHash<QString, QString> problems;
    if (isNew())
        problems.insert(QStringLiteral("username"),
                        sentence(domain::checkUsername(username().toStdString())));
    problems.insert(QStringLiteral("displayName"),
                    sentence(domain::checkDisplayName(draft.displayName.toStdString())));
    problems.insert(QStringLiteral("roles"),
                    draft.roles.isEmpty() ? tr("Choose at least one role.") : QString());
    problems.insert(QStringLiteral("email"),
                    sentence(domain::checkEmail(draft.email.toStdString())));
    problems.insert(QStringLiteral("phone"),
                    sentence(domain::checkPhone(draft.phone.toStdString())));
    bool valid = true;
    for (auto it = problems.cbegin(); it != problems.cend(); ++it) {
        valid = valid && it->isEmpty();
        const QString server = m_serverErrors.value(it.key());
        m_errors.set(it.key(), !server.isEmpty()              ? server
                               : m_touched.contains(it.key()) ? *it
                                                              : QString());
    }
    m_save->setEnabled(valid && !m_busy);
}

void CaregiverDialog::submit() {
    if (m_busy)
        return;
    for (const QString &field :
         {QStringLiteral("username"), QStringLiteral("displayName"), QStringLiteral("roles"),
          QStringLiteral("email"), QStringLiteral("phone")})
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

void CaregiverDialog::setBusy(bool busy) {
    m_busy = busy;
    for (QWidget *field :
         std::initializer_list<QWidget *>{m_name, m_support, m_provider, m_admin, m_email, m_phone})
        field->setEnabled(!busy);
    m_username->setEnabled(!busy);
    m_save->setText(busy ? tr("Saving…") : isNew() ? tr("Create and invite") : tr("Save"));
    validate();
}

void CaregiverDialog::showFailure(const RequestFailure &failure) {
    setBusy(false);
    QString text = failure.message;
    if (failure.code == QLatin1String("conflict") &&
        failure.field == QLatin1String("body.username"))
        text = tr("The username %1 is taken; choose another.").arg(username());
    else if (failure.code == QLatin1String("conflict"))
        text = tr("Someone else changed this account since you opened it. Close this form, "
                  "reload the list and make your change again.");
    else if (failure.code == QLatin1String("forbidden"))
        text = failure.message.isEmpty() ? tr("You may not make this change.") : failure.message;
    else if (failure.code == QLatin1String("unavailable"))
        text = tr("Not sent: %1. Try again in a moment.").arg(failure.message);
    const QString key = m_errors.keyOf(failure.field);
    if (!key.isEmpty())
        m_serverErrors.insert(key, text);
    m_errors.showServerError(failure.field, text);
    if (key.isEmpty())
        m_errors.setGeneral(text);
}

} // namespace caredesk::console
