#include "ui/InvitationDialog.h"

#include <QClipboard>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace caredesk::console {

InvitationDialog::InvitationDialog(const CaregiverInvitation &invitation, QWidget *parent)
    : QDialog(parent)
    , m_code(new QLineEdit(invitation.code, this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_expiry(new QLabel(this))
    , m_copied(new QLabel(this)) {
    setObjectName(QStringLiteral("invitationDialog"));
    const CaregiverAccountRow &who = invitation.caregiver;
    setWindowTitle(tr("Activation code for %1").arg(who.displayName));

    auto *heading =
        new QLabel(tr("Activation code for %1 (%2)").arg(who.displayName, who.username), this);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    headingFont.setWeight(QFont::DemiBold);
    heading->setFont(headingFont);
    heading->setTextFormat(Qt::PlainText);

    auto *how = new QLabel(
        tr("Pass this code to %1 through your organization's usual secure channel. In the "
           "console's sign-in window they choose \"I have an activation code…\", enter it and "
           "pick their own password. The code works once.")
            .arg(who.displayName),
        this);
    how->setWordWrap(true);
    how->setTextFormat(Qt::PlainText);

    m_code->setObjectName(QStringLiteral("invitationCode"));
    m_code->setReadOnly(true);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(m_code->font().pointSizeF() * 1.15);
    m_code->setFont(mono);
    m_code->setMinimumWidth(m_code->fontMetrics().horizontalAdvance(invitation.code) + 24);
    m_code->selectAll();
    m_copy->setObjectName(QStringLiteral("copyInvitationCode"));
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_code, 1);
    codeRow->addWidget(m_copy);

    m_expiry->setObjectName(QStringLiteral("invitationExpiry"));
    m_expiry->setText(tr("Valid until %1.").arg(localExpiry(invitation.expiresAtMs)));
    m_copied->setObjectName(QStringLiteral("invitationCopied"));
    m_copied->setForegroundRole(QPalette::PlaceholderText);

    auto *once = new QLabel(tr("This code will not be shown again. Once you close this window, "
                               "only a new invitation (Reset access…) can replace it."),
                            this);
    once->setObjectName(QStringLiteral("invitationOnce"));
    once->setWordWrap(true);
    QFont onceFont = once->font();
    onceFont.setWeight(QFont::DemiBold);
    once->setFont(onceFont);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setText(tr("I have passed it on"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_code->text());
        m_copied->setText(tr("Copied. Paste it into your message, then clear it from the "
                             "clipboard."));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(10);
    layout->addWidget(heading);
    layout->addWidget(how);
    layout->addLayout(codeRow);
    layout->addWidget(m_copied);
    layout->addWidget(m_expiry);
    layout->addWidget(once);
    layout->addWidget(buttons);
    setMinimumWidth(560);
    m_code->setFocus();
}

QString InvitationDialog::codeText() const {
    return m_code->text();
}

QString InvitationDialog::expiryText() const {
    return m_expiry->text();
}

QString InvitationDialog::localExpiry(qint64 expiresAtMs) {
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(expiresAtMs).toLocalTime();
    return tr("%1 (%2, local time)")
        .arg(QLocale().toString(local, QStringLiteral("ddd d MMM yyyy HH:mm")),
             local.timeZoneAbbreviation());
}

void InvitationDialog::done(int result) {
    // Shown once: nothing of the code stays behind in this window.
    m_code->clear();
    QDialog::done(result);
}

} // namespace caredesk::console
