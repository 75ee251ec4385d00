#pragma once

#include "state/ChatLine.h"

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QToolButton;

namespace caredesk::console {

class BannerView;
class ChatComposer;
class ChatConversation;
class ChatMessageDelegate;
class ChatMessageModel;
class ChatThreadStore;

// One open chat: who the patient is and who has the thread, the messages,
// who is typing, and the composer with its note switch. Older messages load
// when the person scrolls to the top; the view stays at the newest message
// while they are at the bottom and holds still while they read further up.
// Like the other views it asks for everything through signals.
class ChatThreadView : public QWidget {
    Q_OBJECT

public:
    ChatThreadView(ChatConversation &conversation, ChatThreadStore &threads,
                   QWidget *parent = nullptr);
    ~ChatThreadView() override;

    qint64 visitId() const;
    ChatConversation &conversation() const { return m_conversation; }

    // Who is signed in: their messages read "You"; staff may claim and transfer.
    void setCaregiver(qint64 caregiverId, bool staff);
    // Text for the composer: replaces a "/shortcut" being typed, else goes in
    // at the cursor.
    void insertText(const QString &text);
    void showError(const QString &text);
    // Tells the server how far the person has read, if they can see the
    // newest message now.
    void updateRead();
    void focusComposer();
    void setNoteMode(bool note);
    bool isNoteMode() const;

    QString title() const;      // the patient's first name
    QString headerText() const; // for tests and screen readers
    QString typingText() const;
    QString bannerText() const;
    ChatComposer *composer() const { return m_composer; }
    QListView *messageList() const { return m_messages; }
    ChatMessageModel *model() const { return m_model; }
    bool isAtNewest() const;

signals:
    void sendRequested(qint64 visitId, caredesk::console::ChatLine::Kind kind, const QString &body);
    void loadOlderRequested(qint64 visitId);
    void readRequested(qint64 visitId, qint64 seq);
    void typingRequested(qint64 visitId);
    void claimRequested(qint64 visitId);
    void transferRequested(qint64 visitId);
    void closeRequested(qint64 visitId);
    void cannedRequested(qint64 visitId, const QString &filter);
    void retryRequested(qint64 visitId, const QString &clientMessageId);
    void discardRequested(qint64 visitId, const QString &clientMessageId);
    // The person started working in this thread (focus), for keyboard navigation.
    void activated(qint64 visitId);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();
    void refreshHeader();
    void refreshDetails();
    void updateCounter();
    void showContextMenu(const QPoint &position);
    void onRangeChanged(int minimum, int maximum);

    ChatConversation &m_conversation;
    ChatThreadStore &m_threads;
    ChatMessageModel *m_model;
    ChatMessageDelegate *m_delegate;
    qint64 m_caregiverId = 0;
    bool m_staff = false;

    QLabel *m_title;
    QLabel *m_subtitle;
    QPushButton *m_claim;
    QPushButton *m_transfer;
    QToolButton *m_close;
    BannerView *m_banner;
    QListView *m_messages;
    QLabel *m_typing;
    QLabel *m_readOnly;
    QToolButton *m_note;
    ChatComposer *m_composer;
    QLabel *m_counter;
    QPushButton *m_send;

    // Scrolling: where the view was before lines were added.
    bool m_atNewest = true;
    bool m_olderArriving = false;
    int m_distanceFromBottom = 0;
};

} // namespace caredesk::console
