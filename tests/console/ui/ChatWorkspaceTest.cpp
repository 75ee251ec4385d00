#include "IsolatedSettings.h"
#include "QueueBoardSamples.h"
#include "models/ChatMessageModel.h"
#include "models/ChatThreadModel.h"
#include "protocol/ChatMessages.h"
#include "state/ChatConversation.h"
#include "state/ChatThreadStore.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/CannedResponsePicker.h"
#include "ui/ChatComposer.h"
#include "ui/ChatMessageDelegate.h"
#include "ui/ChatNotifier.h"
#include "ui/ChatThreadView.h"
#include "ui/ChatWorkspace.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <memory>

using caredesk::console::CannedResponsePicker;
using caredesk::console::CannedResponseRow;
using caredesk::console::ChatComposer;
using caredesk::console::ChatConversation;
using caredesk::console::ChatLine;
using caredesk::console::ChatMessageDelegate;
using caredesk::console::ChatMessageModel;
using caredesk::console::ChatNotifier;
using caredesk::console::ChatThreadModel;
using caredesk::console::ChatThreadRow;
using caredesk::console::ChatThreadStore;
using caredesk::console::ChatThreadView;
using caredesk::console::ChatWorkspace;
using caredesk::console::QueueStore;
using caredesk::console::SessionInfo;
using caredesk::console::SessionState;
using caredesk::console::test::IsolatedSettings;
namespace samples = caredesk::console::test;

namespace {

constexpr qint64 kSam = 7;
constexpr qint64 kKim = 8;

ChatThreadRow threadRow(qint64 visitId, const QString &name, const QString &state, qint64 unread,
                     std::optional<qint64> owner = std::nullopt, qint64 lastSeq = 0) {
    ChatThreadRow row;
    row.visitId = visitId;
    row.state = state;
    row.patientName = name + QStringLiteral(" Patient");
    row.requestedAtMs = samples::kNowMs - 600'000;
    row.ownerId = owner;
    row.ownerName = owner ? (*owner == kSam ? QStringLiteral("Sam Rivera") : QStringLiteral("Kim Ng"))
                          : QString();
    row.lastSeq = lastSeq > 0 ? lastSeq : unread;
    row.lastMessageAtMs = samples::kNowMs - 60'000;
    row.lastSender = QStringLiteral("patient");
    row.preview = QStringLiteral("Is it much longer?");
    row.unread = unread;
    return row;
}

SessionInfo sam() {
    SessionInfo info;
    info.userId = kSam;
    info.username = QStringLiteral("sam");
    info.displayName = QStringLiteral("Sam Rivera");
    info.roles = {QStringLiteral("support")};
    return info;
}

} // namespace

// The chats pane without a server: the thread list, open chats as tabs or
// side by side, the keyboard, the composer, canned responses, notifications.
class ChatWorkspaceTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void threadListShowsUnreadAndOpensOnEnter();
    void keyboardMovesBetweenOpenChats();
    void arrangementIsRemembered();
    void enterSendsAndShiftEnterStartsALine();
    void noteModeSendsOneNote();
    void cannedShortcutInsertsTheExpandedText();
    void slashCommandIsNeverSentToThePatient();
    void tooLongIsRefusedBeforeSending();
    void bodiesAreShownAsTextAndLongWordsWrap();
    void notifiesOnlyWhenNotLookingAndNotMuted();

private:
    ChatConversation &conversation(qint64 visitId);
    ChatThreadView &openView(qint64 visitId);

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<SessionState> m_session;
    std::unique_ptr<QueueStore> m_queue;
    std::unique_ptr<ChatThreadStore> m_threads;
    std::unique_ptr<ChatWorkspace> m_workspace;
    std::map<qint64, std::unique_ptr<ChatConversation>> m_conversations;
};

void ChatWorkspaceTest::init() {
    m_settings = std::make_unique<IsolatedSettings>();
    m_session = std::make_unique<SessionState>();
    m_session->setCaregiver(sam());
    m_queue = std::make_unique<QueueStore>();
    m_queue->applySnapshot(samples::sampleBoard());
    m_threads = std::make_unique<ChatThreadStore>();
    m_threads->applySnapshot({threadRow(1, QStringLiteral("Ana"), QStringLiteral("AZ"), 1),
                              threadRow(2, QStringLiteral("Bo"), QStringLiteral("AZ"), 2, kSam),
                              threadRow(3, QStringLiteral("Cy"), QStringLiteral("TX"), 3, kKim)},
                             0);
    m_workspace = std::make_unique<ChatWorkspace>(*m_threads, *m_queue, *m_session);
    m_workspace->setClock([] { return samples::kNowMs; });
    m_workspace->resize(900, 700);
    m_workspace->show();
    m_workspace->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_workspace.get()));
}

void ChatWorkspaceTest::cleanup() {
    m_workspace.reset();
    m_conversations.clear();
    m_threads.reset();
    m_queue.reset();
    m_session.reset();
    m_settings.reset();
}

ChatConversation &ChatWorkspaceTest::conversation(qint64 visitId) {
    auto &slot = m_conversations[visitId];
    if (!slot) {
        slot = std::make_unique<ChatConversation>(visitId);
        slot->applyHistoryState(false, false, 0, false, 0, 0);
    }
    return *slot;
}

ChatThreadView &ChatWorkspaceTest::openView(qint64 visitId) {
    m_workspace->addThread(conversation(visitId));
    return *m_workspace->threadView(visitId);
}

void ChatWorkspaceTest::threadListShowsUnreadAndOpensOnEnter() {
    QTableView &list = *m_workspace->threadList();
    QAbstractItemModelTester tester(list.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(list.model()->rowCount(), 3);
    QStringList unread;
    for (int row = 0; row < 3; ++row)
        unread.append(list.model()->index(row, ChatThreadModel::UnreadColumn).data().toString());
    unread.sort();
    QCOMPARE(unread, (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));

    // Mine, then unclaimed.
    m_workspace->scopeBox()->setCurrentIndex(1);
    QCOMPARE(list.model()->rowCount(), 1);
    QCOMPARE(list.model()->index(0, 0).data(ChatThreadModel::VisitIdRole).toLongLong(), 2);
    m_workspace->scopeBox()->setCurrentIndex(2);
    QCOMPARE(list.model()->rowCount(), 1);
    QCOMPARE(list.model()->index(0, 0).data(ChatThreadModel::VisitIdRole).toLongLong(), 1);
    QCOMPARE(list.model()->index(0, ChatThreadModel::OwnerColumn).data().toString(),
             QStringLiteral("Unclaimed"));

    QSignalSpy open(m_workspace.get(), &ChatWorkspace::openRequested);
    list.setFocus();
    list.setCurrentIndex(list.model()->index(0, 0));
    QTest::keyClick(&list, Qt::Key_Return);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.front().front().toLongLong(), 1);
    // The channel answers by following it; the workspace shows it at once.
    m_workspace->addThread(conversation(1));
    QCOMPARE(m_workspace->currentVisitId(), std::optional<qint64>(1));
    QVERIFY(m_workspace->isThreadVisible(1));
}

void ChatWorkspaceTest::keyboardMovesBetweenOpenChats() {
    openView(1);
    openView(2);
    openView(3);
    QCOMPARE(m_workspace->openVisitIds(), (QList<qint64>{1, 2, 3}));
    QCOMPARE(m_workspace->tabText(1), QStringLiteral("Ana (1)"));
    QCOMPARE(m_workspace->tabText(3), QStringLiteral("Cy (3)"));
    QCOMPARE(m_workspace->currentVisitId(), std::optional<qint64>(1));

    QWidget *focus = QApplication::focusWidget();
    QVERIFY(qobject_cast<ChatComposer *>(focus));
    QTest::keyClick(focus, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(m_workspace->currentVisitId(), std::optional<qint64>(2));
    QVERIFY(m_workspace->isThreadVisible(2));
    QVERIFY(!m_workspace->isThreadVisible(1));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab,
                    Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_workspace->currentVisitId(), std::optional<qint64>(1));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_3, Qt::AltModifier);
    QCOMPARE(m_workspace->currentVisitId(), std::optional<qint64>(3));
    QVERIFY(m_workspace->threadView(3)->composer()->hasFocus());

    QSignalSpy close(m_workspace.get(), &ChatWorkspace::closeRequested);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(close.count(), 1);
    QCOMPARE(close.front().front().toLongLong(), 3);
    m_workspace->removeThread(3);
    QCOMPARE(m_workspace->openVisitIds(), (QList<qint64>{1, 2}));
    QCOMPARE(m_workspace->currentVisitId(), std::optional<qint64>(2));

    // Unread counts follow the list.
    m_threads->applyDelta({threadRow(2, QStringLiteral("Bo"), QStringLiteral("AZ"), 5, kSam, 7)}, {},
                          1);
    QCOMPARE(m_workspace->tabText(2), QStringLiteral("Bo (5)"));
}

void ChatWorkspaceTest::arrangementIsRemembered() {
    openView(1);
    openView(2);
    QCOMPARE(m_workspace->arrangement(), ChatWorkspace::Arrangement::Tabs);
    QVERIFY(!m_workspace->isThreadVisible(2));
    m_workspace->setArrangement(ChatWorkspace::Arrangement::SideBySide);
    QTRY_VERIFY(m_workspace->isThreadVisible(1) && m_workspace->isThreadVisible(2));
    QCOMPARE(m_workspace->openVisitIds(), (QList<qint64>{1, 2}));
    // Ctrl+Tab still moves between them.
    m_workspace->showThread(1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(m_workspace->currentVisitId(), std::optional<qint64>(2));
    QVERIFY(m_workspace->threadView(2)->composer()->hasFocus());

    ChatWorkspace again(*m_threads, *m_queue, *m_session);
    QCOMPARE(again.arrangement(), ChatWorkspace::Arrangement::SideBySide);
    m_workspace->setArrangement(ChatWorkspace::Arrangement::Tabs);
    QCOMPARE(m_workspace->openVisitIds(), (QList<qint64>{1, 2}));
    ChatWorkspace third(*m_threads, *m_queue, *m_session);
    QCOMPARE(third.arrangement(), ChatWorkspace::Arrangement::Tabs);
}

void ChatWorkspaceTest::enterSendsAndShiftEnterStartsALine() {
    ChatThreadView &view = openView(1);
    QSignalSpy send(m_workspace.get(), &ChatWorkspace::sendRequested);
    ChatComposer *composer = view.composer();
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("Hello"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("there"));
    QCOMPARE(send.count(), 0);
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(send.count(), 1);
    QCOMPARE(send.front().at(0).toLongLong(), 1);
    QCOMPARE(send.front().at(1).value<ChatLine::Kind>(), ChatLine::Kind::Text);
    QCOMPARE(send.front().at(2).toString(), QStringLiteral("Hello\nthere"));
    QVERIFY(composer->toPlainText().isEmpty());
    // Nothing but spaces: nothing sent.
    QTest::keyClicks(composer, QStringLiteral("   "));
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(send.count(), 1);
}

void ChatWorkspaceTest::noteModeSendsOneNote() {
    ChatThreadView &view = openView(1);
    QSignalSpy send(m_workspace.get(), &ChatWorkspace::sendRequested);
    ChatComposer *composer = view.composer();
    composer->setFocus();
    QTest::keyClick(composer, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(view.isNoteMode());
    QVERIFY(composer->styleSheet().contains(QLatin1String("#FFF4D6")));
    auto *sendButton = view.findChild<QWidget *>(QStringLiteral("sendChat"));
    QCOMPARE(sendButton->property("text").toString(), QStringLiteral("Add note"));
    QTest::keyClicks(composer, QStringLiteral("Mother on the line, speaks Spanish"));
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(send.count(), 1);
    QCOMPARE(send.front().at(1).value<ChatLine::Kind>(), ChatLine::Kind::Note);
    QVERIFY(!view.isNoteMode()); // the next message goes to the patient
    QTest::keyClicks(composer, QStringLiteral("Hi Ana"));
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(send.at(1).at(1).value<ChatLine::Kind>(), ChatLine::Kind::Text);
}

void ChatWorkspaceTest::cannedShortcutInsertsTheExpandedText() {
    ChatThreadView &view = openView(1);
    m_workspace->setCannedResponses(
        {{1, QStringLiteral("wait"), QStringLiteral("Wait update"),
          QStringLiteral("Thanks {firstName}: your wait is {wait} in {state}. {myName}")},
         {2, QStringLiteral("welcome"), QStringLiteral("Welcome"),
          QStringLiteral("Hi {firstName}, I'm {myName}.")},
         {3, QStringLiteral("video-tips"), QStringLiteral("Video tips"),
          QStringLiteral("Find a quiet spot; allow the camera when the page asks.")}});
    QSignalSpy send(m_workspace.get(), &ChatWorkspace::sendRequested);
    QSignalSpy canned(m_workspace.get(), &ChatWorkspace::cannedResponsesRequested);
    ChatComposer *composer = view.composer();
    composer->setFocus();
    QTest::keyClick(composer, Qt::Key_Slash);
    CannedResponsePicker *picker = m_workspace->cannedPicker();
    QVERIFY(picker);
    QTRY_VERIFY(picker->isVisible());
    QVERIFY(canned.count() >= 1); // refreshed from the server
    QCOMPARE(picker->visibleShortcuts().size(), 3);
    QTRY_VERIFY(picker->filterEdit()->hasFocus());
    QTest::keyClicks(picker->filterEdit(), QStringLiteral("wa"));
    QCOMPARE(picker->visibleShortcuts(), QStringList{QStringLiteral("wait")});
    // Matches in the text too: "camera" finds the video tips.
    picker->setFilter(QStringLiteral("camera"));
    QCOMPARE(picker->visibleShortcuts(), QStringList{QStringLiteral("video-tips")});
    picker->setFilter(QStringLiteral("wa"));
    QTest::keyClick(picker->filterEdit(), Qt::Key_Return);
    QTRY_VERIFY(!picker->isVisible() || m_workspace->cannedPicker() == nullptr);
    QCOMPARE(composer->toPlainText(),
             QStringLiteral("Thanks Ana: your wait is about 4 min in Arizona. Sam Rivera"));
    QCOMPARE(send.count(), 0); // inserted for review, not sent

    // Ctrl+K opens the picker on all of them; a placeholder with no value
    // stays visible for the caregiver to fill in.
    composer->clear();
    m_queue->clear();
    QTest::keyClick(composer, Qt::Key_K, Qt::ControlModifier);
    picker = m_workspace->cannedPicker();
    QTRY_VERIFY(picker && picker->isVisible());
    QCOMPARE(picker->filter(), QString());
    QCOMPARE(picker->visibleShortcuts().size(), 3);
    QCOMPARE(m_workspace->expandCanned(1, QStringLiteral("{wait} / {state}")),
             QStringLiteral("{wait} / AZ"));
    picker->reject();
}

void ChatWorkspaceTest::slashCommandIsNeverSentToThePatient() {
    ChatThreadView &view = openView(1);
    QSignalSpy send(m_workspace.get(), &ChatWorkspace::sendRequested);
    view.composer()->setPlainText(QStringLiteral("/nothing"));
    view.composer()->setFocus();
    QTest::keyClick(view.composer(), Qt::Key_Return);
    QCOMPARE(send.count(), 0);
    QTRY_VERIFY(m_workspace->cannedPicker() && m_workspace->cannedPicker()->isVisible());
    QCOMPARE(m_workspace->cannedPicker()->filter(), QStringLiteral("nothing"));
    m_workspace->cannedPicker()->reject();
}

void ChatWorkspaceTest::tooLongIsRefusedBeforeSending() {
    ChatThreadView &view = openView(1);
    QSignalSpy send(m_workspace.get(), &ChatWorkspace::sendRequested);
    auto *counter = view.findChild<QLabel *>(QStringLiteral("chatCounter"));
    // 4,001 characters, one of them outside the BMP: counted as one.
    const QString text = QString(4000, QLatin1Char('a')) + QString::fromUtf8("\xF0\x9F\x98\x80");
    view.composer()->setPlainText(text);
    QVERIFY(counter->isVisibleTo(&view));
    QCOMPARE(counter->text(), QStringLiteral("4,001 / 4,000"));
    view.composer()->setFocus();
    QTest::keyClick(view.composer(), Qt::Key_Return);
    QCOMPARE(send.count(), 0);
    QVERIFY2(view.bannerText().contains(QLatin1String("4,000")), qPrintable(view.bannerText()));
    QCOMPARE(view.composer()->toPlainText(), text); // nothing lost
    view.composer()->setPlainText(text.left(4000));
    QTest::keyClick(view.composer(), Qt::Key_Return);
    QCOMPARE(send.count(), 1);
}

void ChatWorkspaceTest::bodiesAreShownAsTextAndLongWordsWrap() {
    ChatConversation &chat = conversation(1);
    ChatLine line;
    line.seq = 1;
    line.clientMessageId = QStringLiteral("x");
    line.body = QStringLiteral("<b>bold?</b> <img src=x onerror=alert(1)> &amp;");
    line.sentAtMs = samples::kNowMs;
    ChatLine longWord = line;
    longWord.seq = 2;
    longWord.clientMessageId = QStringLiteral("y");
    longWord.body = QString(600, QLatin1Char('W'));
    chat.merge({line, longWord});
    ChatThreadView &view = openView(1);
    const QModelIndex first = view.model()->index(0);
    QVERIFY(first.data().toString().endsWith(line.body)); // verbatim
    QVERIFY(first.data().toString().startsWith(QLatin1String("Patient, ")));
    // The word wraps within the list instead of running off its edge.
    QStyleOptionViewItem option;
    option.initFrom(view.messageList());
    const QSize hint = view.messageList()->itemDelegate()->sizeHint(option, view.model()->index(1));
    QVERIFY(hint.width() <= view.messageList()->viewport()->width() + 1);
    QVERIFY2(hint.height() > 4 * view.fontMetrics().height(), qPrintable(QString::number(hint.height())));
    QCOMPARE(ChatMessageDelegate::footerText(line, true), QStringLiteral("Seen"));
}

void ChatWorkspaceTest::notifiesOnlyWhenNotLookingAndNotMuted() {
    QWidget other; // another window has the focus: the console is not looked at
    ChatNotifier notifier(*m_threads, *m_workspace, *m_session, *m_workspace);
    QSignalSpy notified(&notifier, &ChatNotifier::notified);
    other.show();
    other.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&other));

    // A colleague's patient writes: not ours to answer.
    m_threads->applyDelta({threadRow(3, QStringLiteral("Cy"), QStringLiteral("TX"), 4, kKim, 4)}, {},
                          1);
    QCOMPARE(notified.count(), 0);
    // A patient in the pool writes.
    m_threads->applyDelta({threadRow(1, QStringLiteral("Ana"), QStringLiteral("AZ"), 2, {}, 2)}, {}, 2);
    QCOMPARE(notified.count(), 1);
    const QString text = notified.front().at(0).toString() + notified.front().at(1).toString();
    QVERIFY2(!text.contains(QLatin1String("Ana")) && !text.contains(QLatin1String("AZ")) &&
                 !text.contains(QLatin1String("longer")),
             qPrintable(text)); // nothing that identifies the patient

    // Muted: nothing, and remembered for this person.
    notifier.muteAction()->setChecked(true);
    QTest::qWait(50);
    m_threads->applyDelta({threadRow(1, QStringLiteral("Ana"), QStringLiteral("AZ"), 3, {}, 3)}, {}, 3);
    QCOMPARE(notified.count(), 1);
    ChatNotifier later(*m_threads, *m_workspace, *m_session, *m_workspace);
    QVERIFY(later.isMuted());
    m_session->clearCaregiver();
    QVERIFY(!later.isMuted());
    SessionInfo kim = sam();
    kim.userId = kKim;
    m_session->setCaregiver(kim);
    QVERIFY(!later.isMuted()); // someone else's setting
}

QTEST_MAIN(ChatWorkspaceTest)
#include "ChatWorkspaceTest.moc"
