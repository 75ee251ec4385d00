#include "ui/ChatNotifier.h"

#include "state/ChatThreadStore.h"
#include "state/SessionState.h"
#include "ui/ChatWorkspace.h"

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QSettings>
#include <QSoundEffect>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QUrl>
#include <QWidget>

namespace caredesk::console {

namespace {
constexpr int kQuietMs = 4000;
} // namespace

ChatNotifier::ChatNotifier(ChatThreadStore &threads, ChatWorkspace &workspace,
                           SessionState &session, QWidget &window, QObject *parent)
    : QObject(parent)
    , m_threads(threads)
    , m_workspace(workspace)
    , m_session(session)
    , m_window(window)
    , m_mute(new QAction(tr("Mute chat notifications"), this))
    , m_sound(new QAction(tr("Sound for new chat messages"), this))
    , m_quietMs(kQuietMs) {
    m_mute->setObjectName(QStringLiteral("muteChatNotifications"));
    m_mute->setCheckable(true);
    m_mute->setToolTip(tr("No desktop notifications or sounds for new patient messages"));
    m_sound->setObjectName(QStringLiteral("chatSound"));
    m_sound->setCheckable(true);
    connect(m_mute, &QAction::toggled, this, [this] {
        m_sound->setEnabled(!m_mute->isChecked());
        saveSettings();
    });
    connect(m_sound, &QAction::toggled, this, &ChatNotifier::saveSettings);
    connect(&m_session, &SessionState::caregiverChanged, this, &ChatNotifier::loadSettings);
    connect(&m_threads, &ChatThreadStore::patientWrote, this, &ChatNotifier::onPatientWrote);
    loadSettings();
}

ChatNotifier::~ChatNotifier() = default;

bool ChatNotifier::isMuted() const {
    return m_mute->isChecked();
}

QString ChatNotifier::settingsPrefix() const {
    const auto &caregiver = m_session.caregiver();
    return caregiver ? QStringLiteral("chat/people/%1/").arg(caregiver->userId) : QString();
}

void ChatNotifier::loadSettings() {
    const QString prefix = settingsPrefix();
    const QSettings settings;
    const QSignalBlocker blockMute(m_mute);
    const QSignalBlocker blockSound(m_sound);
    m_mute->setChecked(!prefix.isEmpty() && settings.value(prefix + "muted", false).toBool());
    m_sound->setChecked(!prefix.isEmpty() && settings.value(prefix + "sound", false).toBool());
    m_sound->setEnabled(!m_mute->isChecked());
    m_mute->setEnabled(!prefix.isEmpty());
}

void ChatNotifier::saveSettings() const {
    const QString prefix = settingsPrefix();
    if (prefix.isEmpty())
        return;
    QSettings settings;
    settings.setValue(prefix + "muted", m_mute->isChecked());
    settings.setValue(prefix + "sound", m_sound->isChecked());
}

void ChatNotifier::onPatientWrote(qint64 visitId) {
    if (isMuted() || !m_session.caregiver())
        return;
    const ChatThreadRow *thread = m_threads.thread(visitId);
    if (!thread)
        return;
    if (thread->ownerId && *thread->ownerId != m_session.caregiver()->userId)
        return; // a colleague's conversation
    if (m_window.isActiveWindow() && m_workspace.isThreadVisible(visitId))
        return; // in front of them already
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now - m_lastShownMs.value(visitId, 0) < m_quietMs)
        return;
    m_lastShownMs.insert(visitId, now);
    ++m_count;

    const QString title = tr("New patient message");
    const qint64 unread = m_threads.totalUnread();
    const QString text = tr("A waiting patient wrote in a chat. %n message(s) unread.", nullptr,
                            static_cast<int>(unread));
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(
                m_window.windowIcon().isNull()
                    ? m_window.style()->standardIcon(QStyle::SP_MessageBoxInformation)
                    : m_window.windowIcon(),
                this);
            m_tray->setToolTip(tr("CareDesk Console"));
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                m_window.showNormal();
                m_window.raise();
                m_window.activateWindow();
            });
            m_tray->show();
        }
        m_tray->showMessage(title, text, QSystemTrayIcon::Information, 6000);
    }
    QApplication::alert(&m_window);
    if (m_sound->isChecked())
        playChime();
    emit notified(title, text);
}

void ChatNotifier::playChime() {
    if (!m_chime) {
        m_chime = new QSoundEffect(this);
        m_chime->setSource(QUrl(QStringLiteral("qrc:/sounds/chat-message.wav")));
        m_chime->setVolume(0.6f);
    }
    m_chime->play();
}

} // namespace caredesk::console
