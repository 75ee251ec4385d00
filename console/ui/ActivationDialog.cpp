#include "ui/ActivationDialog.h"

#include "domain/PasswordPolicy.h"
#include "net/ServerAddress.h"
#include "state/ProtocolText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {

const QColor kGood(0x15, 0x80, 0x3d);
const QColor kBad(0xb9, 0x1c, 0x1c);

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

QString sentence(const std::string &problem) {
    QString text = fromStd(problem);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text + QLatin1Char('.');
}

} // namespace

ActivationDialog::ActivationDialog(QWidget *parent)
    : QDialog(parent)
    , m_server(new QLineEdit(this))
    , m_code(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_repeat(new QLineEdit(this))
    , m_policyCheck(new QLabel(this))
    , m_activate(new QPushButton(tr("Activate and sign in"), this))
    , m_back(new QPushButton(tr("Back to sign-in"), this)) {
    setObjectName(QStringLiteral("activationDialog"));
    setWindowTitle(tr("Activate your CareDesk account"));

    auto *title = new QLabel(tr("Activate your account"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    auto *intro = new QLabel(tr("Enter the activation code your administrator gave you and "
                                "choose your password. The code works once."),
                             this);
    intro->setWordWrap(true);

    m_server->setObjectName(QStringLiteral("activationServer"));
    m_server->setPlaceholderText(QStringLiteral("https://caredesk.example.org"));
    m_code->setObjectName(QStringLiteral("activationCode"));
    m_code->setPlaceholderText(tr("paste the code here"));
    QFont mono = QFont(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_code->setFont(mono);
    m_password->setObjectName(QStringLiteral("newPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat->setObjectName(QStringLiteral("repeatPassword"));
    m_repeat->setEchoMode(QLineEdit::Password);
    for (QLineEdit *field : {m_server, m_code, m_password, m_repeat})
        field->setMinimumWidth(340);

    auto *policy = new QLabel(fromStd(domain::PasswordPolicy{}.statement()), this);
    policy->setObjectName(QStringLiteral("passwordPolicy"));
    policy->setWordWrap(true);
    policy->setForegroundRole(QPalette::PlaceholderText);
    m_policyCheck->setObjectName(QStringLiteral("passwordCheck"));
    m_policyCheck->setWordWrap(true);
    m_policyCheck->setTextFormat(Qt::PlainText);

    const auto label = [this](const char *name) {
        return FormErrors::makeLabel(this, QLatin1String(name));
    };
    QLabel *serverError = label("serverError");
    QLabel *codeError = label("inviteTokenError");
    QLabel *passwordError = label("passwordError");
    QLabel *repeatError = label("repeatError");
    QLabel *general = label("generalError");
    m_errors.addField(QStringLiteral("server"), m_server, serverError);
    m_errors.addField(QStringLiteral("inviteToken"), m_code, codeError);
    m_errors.addField(QStringLiteral("password"), m_password, passwordError);
    m_errors.addField(QStringLiteral("repeat"), m_repeat, repeatError);
    m_errors.setGeneralLabel(general);

    auto *passwordBox = new QWidget(this);
    auto *passwordLayout = new QVBoxLayout(passwordBox);
    passwordLayout->setContentsMargins(0, 0, 0, 0);
    passwordLayout->setSpacing(2);
    passwordLayout->addWidget(m_password);
    passwordLayout->addWidget(passwordError);
    passwordLayout->addWidget(policy);
    passwordLayout->addWidget(m_policyCheck);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(10);
    form->addRow(tr("&Server"), fieldWithError(m_server, serverError, this));
    form->addRow(tr("Activation &code"), fieldWithError(m_code, codeError, this));
    form->addRow(tr("New &password"), passwordBox);
    form->addRow(tr("&Repeat it"), fieldWithError(m_repeat, repeatError, this));

    m_activate->setObjectName(QStringLiteral("activate"));
    m_activate->setDefault(true);
    m_back->setObjectName(QStringLiteral("backToSignIn"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_activate, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_back, QDialogButtonBox::RejectRole);
    connect(m_activate, &QPushButton::clicked, this, &ActivationDialog::submit);
    connect(m_back, &QPushButton::clicked, this, &ActivationDialog::backRequested);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(6);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(12);
    layout->addLayout(form);
    layout->addWidget(general);
    layout->addSpacing(8);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);

    connect(m_code, &QLineEdit::textEdited, this, [this] {
        m_serverCodeError.clear();
        validate();
    });
    connect(m_password, &QLineEdit::textEdited, this, [this] {
        m_serverPasswordError.clear();
        validate();
    });
    connect(m_repeat, &QLineEdit::textEdited, this, &ActivationDialog::validate);
    connect(m_server, &QLineEdit::textEdited, this,
            [this] { m_errors.clear(QStringLiteral("server")); });
    m_throttleTimer.setInterval(1000);
    connect(&m_throttleTimer, &QTimer::timeout, this, &ActivationDialog::updateThrottleCountdown);
    m_code->setFocus();
    validate();
}

QString ActivationDialog::serverText() const {
    return m_server->text().trimmed();
}

QString ActivationDialog::code() const {
    return QString(m_code->text()).remove(QRegularExpression(QStringLiteral("\\s")));
}

void ActivationDialog::setServerText(const QString &server) {
    m_server->setText(server);
    (server.isEmpty() ? m_server : m_code)->setFocus();
}

QString ActivationDialog::policyCheckText() const {
    return m_policyCheck->text();
}

void ActivationDialog::validate() {
    const QByteArray password = m_password->text().toUtf8();
    // The username is not known here; the server checks that rule too.
    const auto problem =
        domain::PasswordPolicy{}.check(std::string_view(password.constData(), password.size()), {});
    QPalette colours = m_policyCheck->palette();
    if (password.isEmpty()) {
        m_policyCheck->clear();
    } else {
        colours.setColor(QPalette::WindowText, problem ? kBad : kGood);
        m_policyCheck->setText(problem ? sentence(*problem) : tr("✓ Meets the rules."));
    }
    m_policyCheck->setPalette(colours);
    m_errors.set(QStringLiteral("password"), m_serverPasswordError);
    const bool repeated = m_repeat->text() == m_password->text();
    m_errors.set(QStringLiteral("repeat"), !m_repeat->text().isEmpty() && !repeated
                                               ? tr("The two passwords differ.")
                                               : QString());
    m_errors.set(QStringLiteral("inviteToken"), m_serverCodeError);
    m_activate->setEnabled(!m_busy && m_throttleSecondsLeft == 0 && !code().isEmpty() && !problem &&
                           repeated && !password.isEmpty());
}

void ActivationDialog::setBusy(bool busy) {
    m_busy = busy;
    for (QLineEdit *field : {m_server, m_code, m_password, m_repeat})
        field->setEnabled(!busy);
    m_back->setEnabled(!busy);
    m_activate->setText(busy ? tr("Activating…") : tr("Activate and sign in"));
    validate();
}

void ActivationDialog::submit() {
    if (m_busy || !m_activate->isEnabled())
        return;
    const auto address = ServerAddress::fromUserInput(serverText());
    if (!address) {
        m_errors.set(QStringLiteral("server"),
                     tr("Enter the server address, for example https://caredesk.example.org"));
        m_server->setFocus();
        return;
    }
    m_errors.clearAll();
    setBusy(true);
    emit activationRequested(address->webSocketUrl(), code(), m_password->text());
}

void ActivationDialog::showActivationFailure(const QString &code, const QString &message,
                                             int retryAfterSeconds) {
    setBusy(false);
    if (code == QLatin1String("invalid_credentials") || code == QLatin1String("out_of_range")) {
        m_serverCodeError = tr("This activation code is not valid: it may have been used "
                               "already, replaced by a newer one, or expired. Ask your "
                               "administrator for a new one.");
        m_code->setFocus();
        m_code->selectAll();
    } else if (code == QLatin1String("password_rejected")) {
        m_serverPasswordError =
            tr("The server refused this password: %1. Your code is still valid.").arg(message);
        m_password->clear();
        m_repeat->clear();
        m_password->setFocus();
    } else if (code == QLatin1String("throttled")) {
        m_throttleSecondsLeft = std::max(retryAfterSeconds, 1);
        m_throttleTimer.start();
        m_errors.setGeneral(tr("Too many attempts, try again in %1 s").arg(m_throttleSecondsLeft));
    } else if (code == QLatin1String("unavailable") || code == QLatin1String("overloaded")) {
        m_errors.setGeneral(tr("The server is not available right now. Try again in a moment."));
    } else if (code == QLatin1String("unsupported_version")) {
        m_errors.setGeneral(
            tr("This console cannot talk to this server: one of them needs an update."));
    } else {
        m_errors.setGeneral(tr("Activation failed: %1").arg(message));
    }
    validate();
}

void ActivationDialog::showServerUnreachable(const QString &reason) {
    setBusy(false);
    m_errors.set(QStringLiteral("server"), reason.isEmpty()
                                               ? tr("Cannot reach server")
                                               : tr("Cannot reach server (%1)").arg(reason));
    m_server->setFocus();
}

void ActivationDialog::updateThrottleCountdown() {
    --m_throttleSecondsLeft;
    if (m_throttleSecondsLeft > 0) {
        m_errors.setGeneral(tr("Too many attempts, try again in %1 s").arg(m_throttleSecondsLeft));
        return;
    }
    m_throttleSecondsLeft = 0;
    m_throttleTimer.stop();
    m_errors.setGeneral({});
    validate();
}

} // namespace caredesk::console
