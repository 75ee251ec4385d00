#include "ui/LoginDialog.h"

#include "net/ServerAddress.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {
const QString kServerKey = QStringLiteral("signIn/server");
const QString kUsernameKey = QStringLiteral("signIn/username");
} // namespace

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent)
    , m_notice(new QLabel(this))
    , m_server(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_signIn(new QPushButton(tr("Sign in"), this))
    , m_quit(new QPushButton(tr("Quit"), this))
    , m_activation(new QPushButton(tr("I have an activation code…"), this)) {
    setObjectName(QStringLiteral("loginDialog"));
    setWindowTitle(tr("Sign in to CareDesk"));

    auto *title = new QLabel(tr("CareDesk Console"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    auto *subtitle = new QLabel(tr("Sign in with your caregiver account."), this);
    QPalette muted = subtitle->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    subtitle->setPalette(muted);

    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    m_notice->setContentsMargins(0, 0, 0, 8);
    m_notice->hide();

    m_server->setObjectName(QStringLiteral("server"));
    m_server->setPlaceholderText(QStringLiteral("https://caredesk.example.org"));
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    for (QLineEdit *field : {m_server, m_username, m_password}) {
        field->setMinimumWidth(300);
        connect(field, &QLineEdit::textEdited, this, [this] {
            if (m_throttleSecondsLeft == 0)
                showError({});
        });
    }

    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0xb7, 0x1c, 0x1c));
    m_error->setPalette(errorPalette);
    m_error->hide();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(10);
    form->addRow(tr("&Server"), m_server);
    form->addRow(tr("&Username"), m_username);
    form->addRow(tr("&Password"), m_password);

    m_signIn->setObjectName(QStringLiteral("signIn"));
    m_signIn->setDefault(true);
    m_quit->setObjectName(QStringLiteral("quit"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_quit, QDialogButtonBox::RejectRole);
    // Accepting is not ours to decide: the dialog closes once the server agrees.
    connect(m_signIn, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(m_quit, &QPushButton::clicked, this, &QDialog::reject);

    // New caregivers have no password yet: their administrator gave them a code.
    m_activation->setObjectName(QStringLiteral("haveActivationCode"));
    m_activation->setFlat(true);
    m_activation->setCursor(Qt::PointingHandCursor);
    m_activation->setAutoDefault(false);
    m_activation->setToolTip(tr("New here, or your access was reset: set your password with "
                                "the code from your administrator"));
    m_activation->setStyleSheet(
        QStringLiteral("QPushButton { border: none; padding: 0; text-align: left; "
                       "color: palette(link); text-decoration: underline; }"));
    connect(m_activation, &QPushButton::clicked, this, [this] {
        if (!m_busy)
            emit activationRequested();
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(6);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addSpacing(14);
    layout->addWidget(m_notice);
    layout->addLayout(form);
    layout->addSpacing(4);
    layout->addWidget(m_error);
    layout->addSpacing(4);
    layout->addWidget(m_activation, 0, Qt::AlignLeft);
    layout->addSpacing(10);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);

    m_throttleTimer.setInterval(1000);
    connect(&m_throttleTimer, &QTimer::timeout, this, &LoginDialog::updateThrottleCountdown);

    const QSettings settings;
    m_server->setText(settings.value(kServerKey).toString());
    m_username->setText(settings.value(kUsernameKey).toString());
    focusFirstEmptyField();
}

QString LoginDialog::serverText() const {
    return m_server->text().trimmed();
}

QString LoginDialog::username() const {
    return m_username->text().trimmed();
}

QString LoginDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void LoginDialog::setServerText(const QString &server) {
    m_server->setText(server);
    focusFirstEmptyField();
}

void LoginDialog::setUsername(const QString &username) {
    m_username->setText(username);
    focusFirstEmptyField();
}

void LoginDialog::setNotice(const QString &notice) {
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void LoginDialog::setBusy(bool busy) {
    m_busy = busy;
    for (QLineEdit *field : {m_server, m_username, m_password})
        field->setEnabled(!busy);
    m_signIn->setEnabled(!busy && m_throttleSecondsLeft == 0);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
    if (!busy)
        focusFirstEmptyField();
}

void LoginDialog::showError(const QString &message) {
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void LoginDialog::showAuthenticationFailure(const QString &code, const QString &message,
                                            int retryAfterSeconds) {
    setBusy(false);
    m_password->clear();
    if (code == QLatin1String("invalid_credentials")) {
        showError(tr("Wrong username or password"));
    } else if (code == QLatin1String("throttled")) {
        // The server says when; counting down spares people from guessing.
        m_throttleSecondsLeft = std::max(retryAfterSeconds, 1);
        m_signIn->setEnabled(false);
        m_throttleTimer.start();
        showError(tr("Too many attempts, try again in %1 s").arg(m_throttleSecondsLeft));
    } else if (code == QLatin1String("unavailable") || code == QLatin1String("overloaded")) {
        showError(tr("The server is not available right now. Try again in a moment."));
    } else if (code == QLatin1String("unsupported_version")) {
        showError(tr("This console cannot talk to this server: one of them needs an update."));
    } else {
        showError(tr("Sign-in failed: %1").arg(message));
    }
    m_password->setFocus();
}

void LoginDialog::showServerUnreachable(const QString &reason) {
    setBusy(false);
    showError(reason.isEmpty() ? tr("Cannot reach server")
                               : tr("Cannot reach server (%1)").arg(reason));
    m_server->setFocus();
}

void LoginDialog::rememberSuccessfulSignIn() {
    QSettings settings;
    settings.setValue(kServerKey, serverText());
    settings.setValue(kUsernameKey, username());
}

void LoginDialog::submit() {
    if (m_busy || m_throttleSecondsLeft > 0)
        return;
    const auto address = ServerAddress::fromUserInput(serverText());
    if (!address) {
        showError(tr("Enter the server address, for example https://caredesk.example.org"));
        m_server->setFocus();
        return;
    }
    if (username().isEmpty()) {
        showError(tr("Enter your username"));
        m_username->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password"));
        m_password->setFocus();
        return;
    }
    showError({});
    setBusy(true);
    emit signInRequested(address->webSocketUrl(), username(), m_password->text());
}

void LoginDialog::updateThrottleCountdown() {
    --m_throttleSecondsLeft;
    if (m_throttleSecondsLeft > 0) {
        showError(tr("Too many attempts, try again in %1 s").arg(m_throttleSecondsLeft));
        return;
    }
    m_throttleSecondsLeft = 0;
    m_throttleTimer.stop();
    showError({});
    m_signIn->setEnabled(!m_busy);
}

void LoginDialog::focusFirstEmptyField() {
    for (QLineEdit *field : {m_server, m_username, m_password}) {
        if (field->text().isEmpty()) {
            field->setFocus();
            return;
        }
    }
    m_password->setFocus();
}

} // namespace caredesk::console
