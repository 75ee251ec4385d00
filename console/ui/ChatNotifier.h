#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QSoundEffect;
class QSystemTrayIcon;
class QWidget;

namespace caredesk::console {

class ChatThreadStore;
class ChatWorkspace;
class SessionState;

// Tells a caregiver that a patient wrote while they were not looking: the
// console is not the active window, or the thread is not open in front of
// them. A desktop notification through the system tray (when the desktop has
// one) and a taskbar alert, with an optional chime. Nothing that identifies
// the patient appears in it: the desktop may be shared or on screen.
//
// Threads a colleague owns do not notify. Mute and sound are per person and
// remembered.
class ChatNotifier : public QObject {
    Q_OBJECT

public:
    ChatNotifier(ChatThreadStore &threads, ChatWorkspace &workspace, SessionState &session,
                 QWidget &window, QObject *parent = nullptr);
    ~ChatNotifier() override;

    QAction *muteAction() const { return m_mute; }
    QAction *soundAction() const { return m_sound; }
    bool isMuted() const;
    // A burst of messages in one thread makes one notification: none for the
    // same thread within this long of the last (4 s unless changed).
    void setQuietPeriod(int milliseconds) { m_quietMs = milliseconds; }
    int notificationCount() const { return m_count; }

signals:
    // A notification went out (title and text as shown).
    void notified(const QString &title, const QString &text);

private:
    void onPatientWrote(qint64 visitId);
    void loadSettings();
    void saveSettings() const;
    QString settingsPrefix() const;
    void playChime();

    ChatThreadStore &m_threads;
    ChatWorkspace &m_workspace;
    SessionState &m_session;
    QWidget &m_window;
    QAction *m_mute;
    QAction *m_sound;
    QSystemTrayIcon *m_tray = nullptr;
    QSoundEffect *m_chime = nullptr;
    QHash<qint64, qint64> m_lastShownMs; // by visit
    int m_quietMs;
    int m_count = 0;
};

} // namespace caredesk::console
