#include "models/ChatMessageModel.h"
#include "state/ChatConversation.h"
#include "state/ChatThreadStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using caredesk::console::ChatConversation;
using caredesk::console::ChatLine;
using caredesk::console::ChatMessageModel;
using caredesk::console::ChatThreadRow;
using caredesk::console::ChatThreadStore;

namespace {

ChatLine delivered(qint64 seq, const QString &id = {},
                   ChatLine::Sender sender = ChatLine::Sender::Patient) {
    ChatLine line;
    line.seq = seq;
    line.clientMessageId = id.isEmpty() ? QStringLiteral("m%1").arg(seq) : id;
    line.sender = sender;
    line.body = QStringLiteral("message %1").arg(seq);
    line.sentAtMs = 1'700'000'000'000 + seq * 1000;
    return line;
}

ChatLine pending(const QString &id, const QString &body) {
    ChatLine line;
    line.clientMessageId = id;
    line.sender = ChatLine::Sender::Caregiver;
    line.senderId = 7;
    line.body = body;
    line.delivery = ChatLine::Delivery::Sending;
    line.sentAtMs = 1'700'000'900'000;
    return line;
}

QList<qint64> seqs(const ChatConversation &conversation) {
    QList<qint64> result;
    for (const ChatLine &line : conversation.lines())
        result.append(line.seq);
    return result;
}

ChatThreadRow threadRow(qint64 visitId, qint64 lastSeq, qint64 unread,
                     const QString &lastSender = QStringLiteral("patient")) {
    ChatThreadRow row;
    row.visitId = visitId;
    row.state = QStringLiteral("WA");
    row.patientName = QStringLiteral("Ann Lee");
    row.requestedAtMs = 1'700'000'000'000;
    row.lastSeq = lastSeq;
    row.lastSender = lastSender;
    row.unread = unread;
    return row;
}

} // namespace

// The rules that keep a chat thread whole in the console: each message once,
// in the server's order, whatever order pages, pushes and acks arrive in.
class ChatConversationTest : public QObject {
    Q_OBJECT

private slots:
    void mergeKeepsEachSeqOnceInOrder();
    void ackReplacesThePendingLineOnce();
    void pushBeforeAckLeavesOneLine();
    void pendingLinesStayAfterDeliveredOnes();
    void failedLineCanBeSentAgainOrDiscarded();
    void gapIsFoundBetweenHeldAndNewest();
    void olderPagesOnlyChangeHasOlderWhenReadBackwards();
    void readPositionsOnlyMoveForward();
    void seenMarksOnlyTheNewestReadTeamMessage();
    void typingEndsWhenTheMessageArrives();
    void threadStoreChecksTheSequence();
    void threadStoreAnnouncesNewPatientMessagesFromDeltasOnly();
    void snapshotOnlyAnnouncesWhatChanged();
};

void ChatConversationTest::mergeKeepsEachSeqOnceInOrder() {
    ChatConversation conversation(41);
    ChatMessageModel model(conversation);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    conversation.merge({delivered(5), delivered(3), delivered(4)});
    conversation.merge({delivered(4), delivered(6), delivered(3)});
    conversation.merge({delivered(1), delivered(2)});
    QCOMPARE(seqs(conversation), (QList<qint64>{1, 2, 3, 4, 5, 6}));
    QCOMPARE(conversation.deliveredCount(), 6);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(conversation.oldestSeq(), 1);
    QCOMPARE(conversation.newestSeq(), 6);
}

void ChatConversationTest::ackReplacesThePendingLineOnce() {
    ChatConversation conversation(41);
    ChatMessageModel model(conversation);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    conversation.merge({delivered(1)});
    conversation.addPending(pending(QStringLiteral("c-1"), QStringLiteral("Hello")));
    conversation.addPending(pending(QStringLiteral("c-1"), QStringLiteral("Hello"))); // resent: no copy
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(conversation.lines().back().delivery, ChatLine::Delivery::Sending);

    conversation.acknowledge(QStringLiteral("c-1"), 2, 1'700'000'950'000);
    QCOMPARE(seqs(conversation), (QList<qint64>{1, 2}));
    QCOMPARE(conversation.lines().back().delivery, ChatLine::Delivery::Delivered);
    QCOMPARE(conversation.lines().back().body, QStringLiteral("Hello"));
    QCOMPARE(conversation.lines().back().sentAtMs, 1'700'000'950'000);
    // The pushed copy of the same message afterwards changes nothing.
    ChatLine push = delivered(2, QStringLiteral("c-1"), ChatLine::Sender::Caregiver);
    conversation.merge({push});
    QCOMPARE(model.rowCount(), 2);
}

void ChatConversationTest::pushBeforeAckLeavesOneLine() {
    ChatConversation conversation(41);
    conversation.addPending(pending(QStringLiteral("c-9"), QStringLiteral("On my way")));
    ChatLine push = delivered(1, QStringLiteral("c-9"), ChatLine::Sender::Caregiver);
    push.body = QStringLiteral("On my way");
    conversation.merge({push});
    QCOMPARE(conversation.lines().size(), std::size_t{1});
    QVERIFY(conversation.lines().front().isDelivered());
    conversation.acknowledge(QStringLiteral("c-9"), 1, push.sentAtMs); // late ack: nothing to do
    QCOMPARE(conversation.lines().size(), std::size_t{1});
}

void ChatConversationTest::pendingLinesStayAfterDeliveredOnes() {
    ChatConversation conversation(41);
    conversation.addPending(pending(QStringLiteral("a"), QStringLiteral("first")));
    conversation.addPending(pending(QStringLiteral("b"), QStringLiteral("second")));
    conversation.merge({delivered(1), delivered(2)});
    QCOMPARE(conversation.deliveredCount(), 2);
    QCOMPARE(conversation.lines()[2].clientMessageId, QStringLiteral("a"));
    QCOMPARE(conversation.lines()[3].clientMessageId, QStringLiteral("b"));
    conversation.acknowledge(QStringLiteral("b"), 4, 0);
    conversation.acknowledge(QStringLiteral("a"), 3, 0);
    QCOMPARE(seqs(conversation), (QList<qint64>{1, 2, 3, 4}));
    QCOMPARE(conversation.lines()[2].body, QStringLiteral("first"));
}

void ChatConversationTest::failedLineCanBeSentAgainOrDiscarded() {
    ChatConversation conversation(41);
    ChatMessageModel model(conversation);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    conversation.addPending(pending(QStringLiteral("a"), QStringLiteral("too long")));
    QSignalSpy changed(&conversation, &ChatConversation::lineChanged);
    conversation.markFailed(QStringLiteral("a"), QStringLiteral("Too long."));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(conversation.lines().front().delivery, ChatLine::Delivery::Failed);
    QCOMPARE(conversation.lines().front().failure, QStringLiteral("Too long."));
    conversation.markSending(QStringLiteral("a"));
    QCOMPARE(conversation.lines().front().delivery, ChatLine::Delivery::Sending);
    QVERIFY(conversation.lines().front().failure.isEmpty());
    conversation.removePending(QStringLiteral("a"));
    QCOMPARE(model.rowCount(), 0);
}

void ChatConversationTest::gapIsFoundBetweenHeldAndNewest() {
    ChatConversation conversation(41);
    conversation.merge({delivered(1), delivered(2)});
    QVERIFY(!conversation.gapAfter()); // nothing loaded yet: nothing to compare with
    conversation.applyHistoryState(false, false, 2, false, 0, 0);
    QVERIFY(!conversation.gapAfter());
    conversation.merge({delivered(5)}); // a push after a lost link
    QCOMPARE(conversation.gapAfter(), std::optional<qint64>(2));
    conversation.merge({delivered(3), delivered(4)});
    QVERIFY(!conversation.gapAfter());
    conversation.noteServerSeq(7); // the list says the thread went on
    QCOMPARE(conversation.gapAfter(), std::optional<qint64>(5));
}

void ChatConversationTest::olderPagesOnlyChangeHasOlderWhenReadBackwards() {
    ChatConversation conversation(41);
    conversation.merge({delivered(51), delivered(52)});
    conversation.applyHistoryState(true, false, 52, false, 0, 0); // first page: older exist
    QVERIFY(conversation.hasOlder());
    conversation.applyHistoryState(false, false, 53, false, 0, 0); // a forward page
    QVERIFY(conversation.hasOlder());
    conversation.applyHistoryState(false, true, 53, false, 0, 0); // reached the start
    QVERIFY(!conversation.hasOlder());
    QCOMPARE(conversation.serverNewestSeq(), 53);
    conversation.applyHistoryState(false, false, 53, true, 0, 0);
    QVERIFY(conversation.isReadOnly());
}

void ChatConversationTest::readPositionsOnlyMoveForward() {
    ChatConversation conversation(41);
    QSignalSpy details(&conversation, &ChatConversation::detailsChanged);
    conversation.setReadPositions(4, 2);
    conversation.setReadPositions(3, 1);
    QCOMPARE(conversation.patientReadSeq(), 4);
    QCOMPARE(conversation.staffReadSeq(), 2);
    QCOMPARE(details.count(), 1);
}

void ChatConversationTest::seenMarksOnlyTheNewestReadTeamMessage() {
    ChatConversation conversation(41);
    ChatMessageModel model(conversation);
    conversation.merge({delivered(1), delivered(2, {}, ChatLine::Sender::Caregiver),
                        delivered(3, {}, ChatLine::Sender::Caregiver),
                        delivered(4, {}, ChatLine::Sender::Caregiver)});
    const auto seen = [&model](int row) {
        return model.index(row).data(ChatMessageModel::SeenByPatientRole).toBool();
    };
    QVERIFY(!seen(1) && !seen(2) && !seen(3));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    conversation.setReadPositions(3, 0);
    QCOMPARE(changed.count(), 1);
    QVERIFY(!seen(0));
    QVERIFY(!seen(1));
    QVERIFY(seen(2));
    QVERIFY(!seen(3));
}

void ChatConversationTest::typingEndsWhenTheMessageArrives() {
    ChatConversation conversation(41);
    conversation.setTyping(QStringLiteral("patient"), 60'000);
    QCOMPARE(conversation.typingParty(), QStringLiteral("patient"));
    conversation.merge({delivered(1)});
    QVERIFY(conversation.typingParty().isEmpty());
    conversation.setTyping(QStringLiteral("patient"), 50);
    QTRY_VERIFY_WITH_TIMEOUT(conversation.typingParty().isEmpty(), 2000);
}

void ChatConversationTest::threadStoreChecksTheSequence() {
    ChatThreadStore store;
    QSignalSpy outOfSync(&store, &ChatThreadStore::outOfSync);
    QVERIFY(!store.applyDelta({threadRow(1, 1, 1)}, {}, 1)); // not live yet
    store.applySnapshot({threadRow(1, 1, 1), threadRow(2, 0, 0)}, 0);
    QCOMPARE(store.syncStatus(), ChatThreadStore::SyncStatus::Live);
    QVERIFY(store.applyDelta({threadRow(2, 1, 1)}, {1}, 1));
    QCOMPARE(store.threads().size(), std::size_t{1});
    QCOMPARE(store.thread(2)->unread, 1);
    QCOMPARE(store.row(1), -1);
    QVERIFY(!store.applyDelta({threadRow(2, 2, 2)}, {}, 3)); // seq 2 went missing
    QCOMPARE(outOfSync.count(), 1);
    QCOMPARE(outOfSync.front().at(0).toLongLong(), 2);
    QCOMPARE(store.syncStatus(), ChatThreadStore::SyncStatus::Stale);
    QCOMPARE(store.thread(2)->unread, 1); // unchanged
    QCOMPARE(store.totalUnread(), 1);
}

void ChatConversationTest::threadStoreAnnouncesNewPatientMessagesFromDeltasOnly() {
    ChatThreadStore store;
    QSignalSpy wrote(&store, &ChatThreadStore::patientWrote);
    store.applySnapshot({threadRow(1, 3, 2)}, 0);
    QCOMPARE(wrote.count(), 0); // already known
    store.applyDelta({threadRow(1, 4, 0, QStringLiteral("caregiver"))}, {}, 1);
    QCOMPARE(wrote.count(), 0);
    store.applyDelta({threadRow(1, 5, 1)}, {}, 2);
    QCOMPARE(wrote.count(), 1);
    QCOMPARE(wrote.front().front().toLongLong(), 1);
    store.applyDelta({threadRow(1, 5, 0)}, {}, 3); // read: no new message
    store.applyDelta({threadRow(9, 1, 1)}, {}, 4); // a new thread opened by its patient
    QCOMPARE(wrote.count(), 2);
}

void ChatConversationTest::snapshotOnlyAnnouncesWhatChanged() {
    ChatThreadStore store;
    store.applySnapshot({threadRow(1, 1, 1), threadRow(2, 2, 2), threadRow(3, 3, 3)}, 0);
    QSignalSpy changed(&store, &ChatThreadStore::threadChanged);
    QSignalSpy removed(&store, &ChatThreadStore::threadRemoved);
    QSignalSpy reset(&store, &ChatThreadStore::reset);
    store.markDisconnected();
    store.applySnapshot({threadRow(1, 1, 1), threadRow(3, 4, 4)}, 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(store.row(3), 1);
}

QTEST_GUILESS_MAIN(ChatConversationTest)
#include "ChatConversationTest.moc"
