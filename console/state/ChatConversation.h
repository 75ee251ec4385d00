#pragma once

#include "state/ChatLine.h"

#include <QObject>
#include <QTimer>
#include <optional>
#include <vector>

namespace caredesk::console {

// One chat thread the console follows: the messages it holds, in the server's
// order, followed by the messages written here that the server has not yet
// confirmed. It owns the rules that keep a thread whole: each seq is held
// once, whatever order history pages, pushes and acknowledgements arrive in;
// a confirmed message takes the place of the line it was written as; and
// the gap between what is held and what the server says exists is known, so
// the channel can fetch it.
//
// Changes are announced row by row (about-to / done pairs), so a view keeps
// its scroll position while older pages are added above it.
class ChatConversation : public QObject {
    Q_OBJECT

public:
    explicit ChatConversation(qint64 visitId, QObject *parent = nullptr);

    qint64 visitId() const { return m_visitId; }
    // Delivered lines by seq, then lines on their way in the order written.
    const std::vector<ChatLine> &lines() const { return m_lines; }
    int deliveredCount() const { return m_delivered; }
    const ChatLine *line(const QString &clientMessageId) const;

    // The first history has arrived.
    bool isLoaded() const { return m_loaded; }
    // Older messages exist on the server than the oldest held.
    bool hasOlder() const { return m_hasOlder; }
    // The visit is over: nothing more can be written.
    bool isReadOnly() const { return m_readOnly; }
    qint64 oldestSeq() const; // 0 when none is held
    qint64 newestSeq() const; // 0 when none is held
    // The newest seq the server has mentioned (history or push).
    qint64 serverNewestSeq() const { return m_serverNewest; }
    // The seq after which the first message is missing, between the oldest
    // held and the newest the server mentioned; nullopt when nothing is.
    std::optional<qint64> gapAfter() const;

    qint64 patientReadSeq() const { return m_patientRead; }
    qint64 staffReadSeq() const { return m_staffRead; }
    // Who is typing now ("patient" or a caregiver's name), empty when no one.
    QString typingParty() const { return m_typing; }

    // Messages the server stored, in any order and overlapping what is held:
    // each seq is kept once; one of ours waiting for its ack becomes delivered.
    void merge(const std::vector<ChatLine> &delivered);
    // What a chat_history says besides its messages. older: the page was read
    // backwards (scrollback), so `more` speaks of older messages.
    void applyHistoryState(bool more, bool older, qint64 lastSeq, bool readOnly,
                           qint64 patientReadSeq, qint64 staffReadSeq);
    // The newest seq the server has (a thread list row, a push).
    void noteServerSeq(qint64 seq);
    void setReadOnly(bool readOnly);

    // A message written here: shown at once as Sending.
    void addPending(const ChatLine &line);
    void acknowledge(const QString &clientMessageId, qint64 seq, qint64 sentAtMs);
    void markFailed(const QString &clientMessageId, const QString &reason);
    void markSending(const QString &clientMessageId);
    void removePending(const QString &clientMessageId);

    // Positions only move forward.
    void setReadPositions(qint64 patientReadSeq, qint64 staffReadSeq);
    // Shown for typingMs, or until that party's next message arrives.
    void setTyping(const QString &party, int typingMs);

signals:
    void linesAboutToBeInserted(int first, int last);
    void linesInserted(int first, int last);
    void lineAboutToBeRemoved(int row);
    void lineRemoved(int row);
    void lineChanged(int row);
    // Read positions, typing, read-only, older history.
    void detailsChanged();

private:
    int pendingRow(const QString &clientMessageId) const;
    void insertLine(int row, const ChatLine &line);
    void removeLineAt(int row);
    // Where a delivered seq goes (or is), among the delivered lines.
    int deliveredRowFor(qint64 seq) const;

    qint64 m_visitId;
    std::vector<ChatLine> m_lines;
    int m_delivered = 0;
    bool m_loaded = false;
    bool m_hasOlder = false;
    bool m_readOnly = false;
    qint64 m_serverNewest = 0;
    qint64 m_patientRead = 0;
    qint64 m_staffRead = 0;
    QString m_typing;
    QTimer m_typingTimer;
};

} // namespace caredesk::console
