#include "DemoIntake.h"
#include "IsolatedSettings.h"
#include "RawProtocolClient.h"
#include "ServerProcess.h"
#include "app/ConsoleApplication.h"
#include "app/LaunchOptions.h"
#include "models/ChatThreadModel.h"
#include "net/ServerAddress.h"
#include "state/ChatConversation.h"
#include "models/AuditTableModel.h"
#include "ui/AuditLogView.h"
#include "ui/CannedResponseEditor.h"
#include "ui/CannedResponsePicker.h"
#include "ui/ChatComposer.h"
#include "ui/ChatThreadView.h"
#include "ui/ChatTransferDialog.h"
#include "ui/ChatWorkspace.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <array>

#ifndef CAREDESK_SERVER_BINARY
#error "CAREDESK_SERVER_BINARY must name the caredesk-server executable"
#endif

using namespace std::chrono_literals;
using caredesk::console::AuditFilter;
using caredesk::console::AuditLogView;
using caredesk::console::AuditRow;
using caredesk::console::CannedResponseEditor;
using caredesk::console::CannedResponsePicker;
using caredesk::console::ChatComposer;
using caredesk::console::ChatConversation;
using caredesk::console::ChatLine;
using caredesk::console::ChatNotifier;
using caredesk::console::ChatThreadModel;
using caredesk::console::ChatThreadStore;
using caredesk::console::ChatThreadView;
using caredesk::console::ChatTransferDialog;
using caredesk::console::ChatWorkspace;
using caredesk::console::ConnectionTimings;
using caredesk::console::ConsoleApplication;
using caredesk::console::LaunchOptions;
using caredesk::console::ServerAddress;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::openAroundTheClock;
using caredesk::console::test::RawProtocolClient;
using caredesk::console::test::ServerProcess;

namespace {

constexpr int kSignInMs = 30'000;
constexpr int kLiveUpdateMs = 15'000;
// A restart: the server and its PostgreSQL start again and consoles reconnect.
constexpr int kRestartMs = 90'000;

struct Patient {
    const char *firstName;
    const char *lastName;
    int messages; // sent before the consoles look
};
constexpr std::array<Patient, 3> kPatients{{
    {"Ana", "Torres", 1},
    {"Ben", "Okoye", 2},
    {"Chloe", "Martin", 3},
}};

// Every message of a thread as its reader may see it, oldest first.
nlohmann::json threadAsSeenBy(RawProtocolClient &client, qint64 visitId) {
    const auto page =
        client.request("chat_page", {{"visitId", visitId}, {"afterSeq", 0}, {"limit", 200}});
    return RawProtocolClient::typeOf(page) == "chat_history" ? page["body"]["messages"]
                                                             : nlohmann::json::array();
}

int countBodies(const nlohmann::json &messages, const std::string &body) {
    int count = 0;
    for (const auto &message : messages)
        count += message["body"] == body ? 1 : 0;
    return count;
}

int countLines(const ChatConversation &conversation, const QString &body, bool deliveredOnly) {
    int count = 0;
    for (const ChatLine &line : conversation.lines())
        count += line.body == body && (!deliveredOnly || line.isDelivered()) ? 1 : 0;
    return count;
}

QString unreadText(const ChatWorkspace &chats, qint64 visitId) {
    const QAbstractItemModel &model = *chats.threadList()->model();
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(ChatThreadModel::VisitIdRole).toLongLong() == visitId)
            return model.index(row, ChatThreadModel::UnreadColumn).data().toString();
    }
    return QStringLiteral("(absent)");
}

} // namespace

// Support staff chatting with three waiting patients at once through the
// console, against the real server: unread counts and read receipts, a
// canned response, an internal note, a transfer to a colleague signed in on
// another console, and a message written while the server was down that
// arrives exactly once after it restarts.
class ChatAgainstServerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void threeChatsWithUnreadCountsAndReadReceipts();
    void cannedResponseIsInsertedFilledInAndSent();
    void internalNoteStaysWithTheTeam();
    void transferToAColleagueOnAnotherConsole();
    void messageWrittenWhileTheServerIsDownArrivesOnce();
    void adminAddsACannedResponseStaffCanInsert();
    void adminReadsAndExportsTheAuditLog();

private:
    QUrl webSocketUrl() const;
    std::unique_ptr<ConsoleApplication> signIn(const QString &username);
    ChatThreadView &thread(ConsoleApplication &console, qint64 visitId);

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<QTemporaryDir> m_folder;
    std::unique_ptr<ServerProcess> m_server;
    QString m_baseUrl;
    QString m_password;
    std::unique_ptr<RawProtocolClient> m_admin;
    std::unique_ptr<RawProtocolClient> m_provider;
    std::array<std::unique_ptr<RawProtocolClient>, 3> m_patients;
    std::array<qint64, 3> m_visits{};
    std::unique_ptr<ConsoleApplication> m_sam;
    std::unique_ptr<ConsoleApplication> m_jordan;
};

void ChatAgainstServerTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("chat-e2e-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
    m_folder = ServerProcess::makeFolder(QStringLiteral("caredesk-chat-e2e"));
    QVERIFY(m_folder);
    m_server = ServerProcess::inFolder(QStringLiteral(CAREDESK_SERVER_BINARY), *m_folder);
    m_baseUrl = m_server->start();
    QVERIFY2(!m_baseUrl.isEmpty(), m_server->output().right(4000).constData());
    m_password = m_server->demoPassword();
    QVERIFY2(!m_password.isEmpty(), "the demo admin password file is missing or empty");
    const std::string password = m_password.toStdString();

    m_admin = std::make_unique<RawProtocolClient>();
    QVERIFY(m_admin->open(webSocketUrl(), "console"));
    QVERIFY(m_admin->logIn("admin", password));
    QVERIFY(openAroundTheClock(*m_admin, "TX"));
    m_provider = std::make_unique<RawProtocolClient>();
    QVERIFY(m_provider->open(webSocketUrl(), "console"));
    QVERIFY(m_provider->logIn("dr.okafor", password));
    QCOMPARE(RawProtocolClient::typeOf(m_provider->request("set_availability", {{"status", "available"}})),
             std::string("ok"));

    for (std::size_t i = 0; i < kPatients.size(); ++i) {
        m_patients[i] = std::make_unique<RawProtocolClient>();
        QVERIFY(m_patients[i]->open(webSocketUrl(), "web"));
        const auto reply = m_patients[i]->request(
            "visit_request", {{"state", "TX"},
                              {"firstName", kPatients[i].firstName},
                              {"lastName", kPatients[i].lastName},
                              {"dateOfBirth", "1990-05-17"},
                              {"reason", "Cough and a mild fever"},
                              {"contact", "+1 555 0101"},
                              {"consent", true}});
        QCOMPARE(RawProtocolClient::typeOf(reply), std::string("visit_accepted"));
        m_visits[i] = reply["body"]["visit"]["visitId"];
    }

    m_sam = signIn(QStringLiteral("sam"));
    QVERIFY(m_sam);
    m_jordan = signIn(QStringLiteral("jordan"));
    QVERIFY(m_jordan);
    // Sam at the desk; Jordan's console is open behind.
    m_sam->mainWindow().resize(1440, 900);
    m_sam->mainWindow().activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&m_sam->mainWindow()));
}

std::unique_ptr<ConsoleApplication> ChatAgainstServerTest::signIn(const QString &username) {
    ConnectionTimings timings;
    timings.reconnect = {250ms, 2s, 10s};
    auto console = std::make_unique<ConsoleApplication>(timings);
    LaunchOptions options;
    options.server = m_baseUrl;
    options.username = username;
    options.password = m_password;
    console->start(options);
    if (!QTest::qWaitFor(
            [&] { return console->chatThreads().syncStatus() == ChatThreadStore::SyncStatus::Live; },
            kSignInMs))
        return nullptr;
    return console;
}

void ChatAgainstServerTest::cleanupTestCase() {
    m_sam.reset();
    m_jordan.reset();
    if (m_server)
        m_server->stop();
}

void ChatAgainstServerTest::cleanup() {
    if (QTest::currentTestFailed() && m_server)
        qWarning("server output (tail):\n%s", m_server->output().right(6000).constData());
}

QUrl ChatAgainstServerTest::webSocketUrl() const {
    return ServerAddress::fromUserInput(m_baseUrl)->webSocketUrl();
}

ChatThreadView &ChatAgainstServerTest::thread(ConsoleApplication &console, qint64 visitId) {
    ChatThreadView *view = console.mainWindow().chatWorkspace().threadView(visitId);
    Q_ASSERT(view);
    return *view;
}

void ChatAgainstServerTest::threeChatsWithUnreadCountsAndReadReceipts() {
    QVERIFY2(m_sam && m_jordan, "needs both consoles signed in by initTestCase");
    for (std::size_t i = 0; i < kPatients.size(); ++i) {
        for (int n = 1; n <= kPatients[i].messages; ++n) {
            const auto ack = m_patients[i]->request(
                "chat_send", {{"visitId", m_visits[i]},
                              {"clientMessageId", "p" + std::to_string(i) + "-" + std::to_string(n)},
                              {"kind", "text"},
                              {"body", std::string(kPatients[i].firstName) + " here, message " +
                                           std::to_string(n)}});
            QCOMPARE(RawProtocolClient::typeOf(ack), std::string("chat_ack"));
        }
    }
    ChatWorkspace &chats = m_sam->mainWindow().chatWorkspace();
    ChatThreadStore &threads = m_sam->chatThreads();
    for (std::size_t i = 0; i < kPatients.size(); ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(unreadText(chats, m_visits[i]),
                                  QString::number(kPatients[i].messages), kLiveUpdateMs);
        QCOMPARE(threads.thread(m_visits[i])->preview,
                 QStringLiteral("%1 here, message %2")
                     .arg(QLatin1String(kPatients[i].firstName))
                     .arg(kPatients[i].messages));
    }

    // Sam opens all three; the one in front is read, the others keep their count.
    for (qint64 visitId : m_visits)
        chats.openThread(visitId);
    QTRY_COMPARE_WITH_TIMEOUT(chats.openVisitIds().size(), 3, kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(chats.currentVisitId(), std::optional<qint64>(m_visits[2]),
                              kLiveUpdateMs);
    for (std::size_t i = 0; i < kPatients.size(); ++i)
        QTRY_COMPARE_WITH_TIMEOUT(
            m_sam->chatChannel().conversation(m_visits[i])->deliveredCount(),
            kPatients[i].messages, kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(threads.thread(m_visits[2])->unread, 0, kLiveUpdateMs);
    QCOMPARE(threads.thread(m_visits[0])->unread, 1);
    QCOMPARE(threads.thread(m_visits[1])->unread, 2);
    QCOMPARE(chats.tabText(m_visits[0]), QStringLiteral("Ana (1)"));
    QCOMPARE(chats.tabText(m_visits[1]), QStringLiteral("Ben (2)"));
    // Chloe starts typing; Sam sees it in her chat.
    QCOMPARE(RawProtocolClient::typeOf(m_patients[2]->request("chat_typing", {{"visitId", m_visits[2]}})),
             std::string("ok"));
    QTRY_COMPARE_WITH_TIMEOUT(thread(*m_sam, m_visits[2]).typingText(),
                              QStringLiteral("Chloe is typing…"), kLiveUpdateMs);

    // By keyboard: Alt+1 to Ana, Ctrl+Tab to Ben; each is read as it comes to the front.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_1, Qt::AltModifier);
    QCOMPARE(chats.currentVisitId(), std::optional<qint64>(m_visits[0]));
    QTRY_COMPARE_WITH_TIMEOUT(threads.thread(m_visits[0])->unread, 0, kLiveUpdateMs);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(chats.currentVisitId(), std::optional<qint64>(m_visits[1]));
    QTRY_COMPARE_WITH_TIMEOUT(threads.thread(m_visits[1])->unread, 0, kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(chats.tabText(m_visits[1]), QStringLiteral("Ben"), kLiveUpdateMs);

    // The patient sees "seen": the team has read up to their last message.
    const auto history = m_patients[1]->request("chat_open", {{"visitId", m_visits[1]}, {"limit", 50}});
    QCOMPARE(RawProtocolClient::typeOf(history), std::string("chat_history"));
    QCOMPARE(history["body"]["staffReadSeq"].get<qint64>(), history["body"]["lastSeq"].get<qint64>());

    // Jordan, who has opened nothing, still counts every patient message as unread.
    ChatThreadStore &jordanThreads = m_jordan->chatThreads();
    QTRY_VERIFY_WITH_TIMEOUT(jordanThreads.thread(m_visits[2]), kLiveUpdateMs);
}

void ChatAgainstServerTest::cannedResponseIsInsertedFilledInAndSent() {
    QVERIFY2(m_sam, "needs the console signed in by initTestCase");
    ChatWorkspace &chats = m_sam->mainWindow().chatWorkspace();
    chats.showThread(m_visits[0]);
    ChatThreadView &ana = thread(*m_sam, m_visits[0]);
    ChatComposer *composer = ana.composer();
    QTRY_VERIFY(composer->hasFocus());
    QTest::keyClicks(composer, QStringLiteral("/"));
    QTRY_VERIFY_WITH_TIMEOUT(chats.cannedPicker() && chats.cannedPicker()->isVisible(),
                             kLiveUpdateMs);
    CannedResponsePicker *picker = chats.cannedPicker();
    // The demo's responses, from the server.
    QTRY_VERIFY_WITH_TIMEOUT(picker->visibleShortcuts().size() == 5, kLiveUpdateMs);
    QTest::keyClicks(picker->filterEdit(), QStringLiteral("wel"));
    // The shortcut first; then a response that says "well-lit".
    QCOMPARE(picker->visibleShortcuts(),
             (QStringList{QStringLiteral("welcome"), QStringLiteral("video-tips")}));
    QTest::keyClick(picker->filterEdit(), Qt::Key_Return);
    const QString expected =
        QStringLiteral("Hi Ana, thanks for waiting. I'm Sam Rivera from the care team; I'll keep "
                       "you posted while you wait for a provider. Feel free to tell me what "
                       "brings you in today.");
    QTRY_COMPARE(composer->toPlainText(), expected);
    QTest::keyClick(composer, Qt::Key_Return);

    ChatConversation &conversation = *m_sam->chatChannel().conversation(m_visits[0]);
    QTRY_COMPARE_WITH_TIMEOUT(countLines(conversation, expected, true), 1, kLiveUpdateMs);
    QCOMPARE(countLines(conversation, expected, false), 1);
    const auto seenByAna = threadAsSeenBy(*m_patients[0], m_visits[0]);
    QCOMPARE(countBodies(seenByAna, expected.toStdString()), 1);
    QVERIFY(seenByAna.back()["sender"] == "caregiver");
    QVERIFY(!seenByAna.back().contains("senderName")); // the patient sees the team, not a name

    // Ana reads it: Sam sees "Seen" under it.
    const qint64 seq = seenByAna.back()["seq"];
    QCOMPARE(RawProtocolClient::typeOf(
                 m_patients[0]->request("chat_read", {{"visitId", m_visits[0]}, {"seq", seq}})),
             std::string("ok"));
    QTRY_COMPARE_WITH_TIMEOUT(conversation.patientReadSeq(), seq, kLiveUpdateMs);
}

void ChatAgainstServerTest::internalNoteStaysWithTheTeam() {
    QVERIFY2(m_sam, "needs the console signed in by initTestCase");
    ChatWorkspace &chats = m_sam->mainWindow().chatWorkspace();
    chats.showThread(m_visits[0]);
    ChatThreadView &ana = thread(*m_sam, m_visits[0]);
    ChatComposer *composer = ana.composer();
    QTRY_VERIFY(composer->hasFocus());
    QVERIFY(composer->toPlainText().isEmpty());
    QTest::keyClick(composer, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(ana.isNoteMode());
    const QString note = QStringLiteral("Prefers Spanish; her daughter is with her to translate.");
    QTest::keyClicks(composer, note);
    QTest::keyClick(composer, Qt::Key_Return);
    ChatConversation &conversation = *m_sam->chatChannel().conversation(m_visits[0]);
    QTRY_COMPARE_WITH_TIMEOUT(countLines(conversation, note, true), 1, kLiveUpdateMs);
    const auto line = std::find_if(conversation.lines().begin(), conversation.lines().end(),
                                   [&](const ChatLine &l) { return l.body == note; });
    QCOMPARE(line->kind, ChatLine::Kind::Note);
    QCOMPARE(countBodies(threadAsSeenBy(*m_patients[0], m_visits[0]), note.toStdString()), 0);
    QCOMPARE(countBodies(threadAsSeenBy(*m_admin, m_visits[0]), note.toStdString()), 1);

    // And a question to the patient, typed.
    QTest::keyClicks(composer, QStringLiteral("Is your fever above 101°F?"));
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(
        countLines(conversation, QStringLiteral("Is your fever above 101°F?"), true), 1,
        kLiveUpdateMs);
}

void ChatAgainstServerTest::transferToAColleagueOnAnotherConsole() {
    QVERIFY2(m_sam && m_jordan, "needs both consoles signed in by initTestCase");
    ChatWorkspace &chats = m_sam->mainWindow().chatWorkspace();
    const qint64 ben = m_visits[1];
    chats.showThread(ben);
    ChatThreadView &view = thread(*m_sam, ben);
    const qint64 samId = m_sam->state().caregiver()->userId;
    const qint64 jordanId = m_jordan->state().caregiver()->userId;

    auto *claim = view.findChild<QPushButton *>(QStringLiteral("claimChat"));
    QVERIFY(claim->isVisible());
    QTest::mouseClick(claim, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_sam->chatThreads().thread(ben)->ownerId,
                              std::optional<qint64>(samId), kLiveUpdateMs);
    QTRY_VERIFY(!claim->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_jordan->chatThreads().thread(ben)->ownerId,
                              std::optional<qint64>(samId), kLiveUpdateMs);

    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("transferChat")),
                      Qt::LeftButton);
    QTRY_VERIFY(chats.transferDialog());
    ChatTransferDialog *dialog = chats.transferDialog();
    QListWidget *colleagues = dialog->list();
    QTRY_VERIFY_WITH_TIMEOUT(colleagues->count() >= 2, kLiveUpdateMs); // Jordan, admins
    int jordanRow = -1;
    for (int row = 0; row < colleagues->count(); ++row) {
        if (colleagues->item(row)->data(Qt::UserRole).toLongLong() == jordanId)
            jordanRow = row;
        QVERIFY(colleagues->item(row)->data(Qt::UserRole).toLongLong() != samId);
    }
    QVERIFY(jordanRow >= 0);
    QVERIFY2(colleagues->item(jordanRow)->text().contains(QLatin1String("online")),
             qPrintable(colleagues->item(jordanRow)->text()));
    colleagues->setCurrentRow(jordanRow);

    // Ben's first messages notified Jordan a moment ago; every one counts here.
    m_jordan->chatNotifier().setQuietPeriod(0);
    QSignalSpy jordanNotified(&m_jordan->chatNotifier(), &ChatNotifier::notified);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("handOver")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_sam->chatThreads().thread(ben)->ownerId,
                              std::optional<qint64>(jordanId), kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_jordan->chatThreads().thread(ben)->ownerId,
                              std::optional<qint64>(jordanId), kLiveUpdateMs);
    QVERIFY(view.headerText().contains(QLatin1String("with Jordan Lee")));
    // Sam's own list no longer holds it.
    chats.scopeBox()->setCurrentIndex(1);
    for (int row = 0; row < chats.threadList()->model()->rowCount(); ++row)
        QVERIFY(chats.threadList()->model()->index(row, 0).data(ChatThreadModel::VisitIdRole) !=
                ben);
    chats.scopeBox()->setCurrentIndex(0);

    // Ben is told only that someone else continues.
    const auto seenByBen = threadAsSeenBy(*m_patients[1], ben);
    int handovers = 0;
    for (const auto &message : seenByBen) {
        const std::string body = message["body"];
        handovers += body.find("Another member of our care team") != std::string::npos ? 1 : 0;
        QVERIFY2(body.find("Jordan") == std::string::npos && body.find("Sam") == std::string::npos,
                 body.c_str());
    }
    QCOMPARE(handovers, 1);

    // Ben writes again: Jordan, whose console is not in front, is notified.
    QCOMPARE(RawProtocolClient::typeOf(m_patients[1]->request(
                 "chat_send", {{"visitId", ben},
                               {"clientMessageId", "p1-after-transfer"},
                               {"kind", "text"},
                               {"body", "Hello? Is anyone still there?"}})),
             std::string("chat_ack"));
    QTRY_VERIFY_WITH_TIMEOUT(jordanNotified.count() >= 1, kLiveUpdateMs);
    QVERIFY(!jordanNotified.front().at(1).toString().contains(QLatin1String("Ben")));
    QTRY_VERIFY_WITH_TIMEOUT(m_jordan->chatThreads().thread(ben)->unread >= 1, kLiveUpdateMs);

    // The picture for the docs: Ana's chat in front, three tabs.
    chats.showThread(m_visits[0]);
    QTest::qWait(800);
    const QPixmap shot = m_sam->mainWindow().grab();
    const QString path = ServerProcess::screenshotPath(*m_folder, QStringLiteral("console-chat.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
}

void ChatAgainstServerTest::messageWrittenWhileTheServerIsDownArrivesOnce() {
    QVERIFY2(m_sam, "needs the console signed in by initTestCase");
    ChatWorkspace &chats = m_sam->mainWindow().chatWorkspace();
    const qint64 chloe = m_visits[2];
    chats.showThread(chloe);
    ChatThreadView &view = thread(*m_sam, chloe);
    ChatConversation &conversation = *m_sam->chatChannel().conversation(chloe);

    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!m_sam->connection().canSendRequests(), kLiveUpdateMs);
    const QString body = QStringLiteral("Still here with you, Chloe: one moment please.");
    view.composer()->setFocus();
    QTest::keyClicks(view.composer(), body);
    QTest::keyClick(view.composer(), Qt::Key_Return);
    QCOMPARE(countLines(conversation, body, false), 1);
    QCOMPARE(conversation.line(conversation.lines().back().clientMessageId)->delivery,
             ChatLine::Delivery::Sending);
    QCOMPARE(m_sam->chatChannel().outboxSize(), 1);

    QVERIFY2(!m_server->start().isEmpty(), m_server->output().right(4000).constData());
    QTRY_COMPARE_WITH_TIMEOUT(countLines(conversation, body, true), 1, kRestartMs);
    QCOMPARE(countLines(conversation, body, false), 1);
    QCOMPARE(m_sam->chatChannel().outboxSize(), 0);
    // The list came back by itself, live again.
    QTRY_COMPARE_WITH_TIMEOUT(m_sam->chatThreads().syncStatus(), ChatThreadStore::SyncStatus::Live,
                              kRestartMs);

    // Stored once, whatever the console sent before the crash and after.
    RawProtocolClient admin;
    QVERIFY(admin.open(webSocketUrl(), "console"));
    QVERIFY(admin.logIn("admin", m_password.toStdString()));
    const auto stored = threadAsSeenBy(admin, chloe);
    QCOMPARE(countBodies(stored, body.toStdString()), 1);
    // And every seq once, in order, in the console as on the server.
    QList<qint64> serverSeqs;
    for (const auto &message : stored)
        serverSeqs.append(message["seq"].get<qint64>());
    QList<qint64> consoleSeqs;
    for (const ChatLine &line : conversation.lines())
        consoleSeqs.append(line.seq);
    QCOMPARE(consoleSeqs, serverSeqs);
}

void ChatAgainstServerTest::adminAddsACannedResponseStaffCanInsert() {
    QVERIFY2(m_sam, "needs the console signed in by initTestCase");
    auto admin = signIn(QStringLiteral("admin"));
    QVERIFY(admin);
    admin->mainWindow().openCannedResponses();
    CannedResponseEditor &editor = admin->mainWindow().cannedResponses();
    QTRY_VERIFY(editor.isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(editor.list()->count(), 5, kLiveUpdateMs); // the demo's
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("newCannedResponse")),
                      Qt::LeftButton);
    editor.shortcutEdit()->setText(QStringLiteral("interpreter"));
    editor.titleEdit()->setText(QStringLiteral("Interpreter"));
    editor.bodyEdit()->setPlainText(
        QStringLiteral("{firstName}, an interpreter can join your visit in {state}. Just say "
                       "which language."));
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(editor.messageText().startsWith(QLatin1String("Saved /interpreter")),
                              qPrintable(editor.messageText()), kLiveUpdateMs);
    QTRY_COMPARE_WITH_TIMEOUT(editor.list()->count(), 6, kLiveUpdateMs);
    // The same shortcut again is refused by the server, with the reason, and kept.
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("newCannedResponse")),
                      Qt::LeftButton);
    editor.shortcutEdit()->setText(QStringLiteral("interpreter"));
    editor.titleEdit()->setText(QStringLiteral("Interpreter again"));
    editor.bodyEdit()->setPlainText(QStringLiteral("Another text"));
    QTest::mouseClick(editor.saveButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(editor.messageText().contains(QLatin1String("interpreter")) &&
                                  !editor.messageText().startsWith(QLatin1String("Sav")),
                              qPrintable(editor.messageText()), kLiveUpdateMs);
    QCOMPARE(editor.bodyEdit()->toPlainText(), QStringLiteral("Another text"));

    // Sam, on the next look at the list, has it, filled in for Ana.
    m_sam->mainWindow().activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&m_sam->mainWindow()));
    ChatWorkspace &chats = m_sam->mainWindow().chatWorkspace();
    chats.showThread(m_visits[0]);
    ChatComposer *composer = thread(*m_sam, m_visits[0]).composer();
    QTRY_VERIFY(composer->hasFocus());
    QTest::keyClick(composer, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(chats.cannedPicker() && chats.cannedPicker()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(
        chats.cannedPicker()->visibleShortcuts().contains(QStringLiteral("interpreter")),
        kLiveUpdateMs);
    chats.cannedPicker()->setFilter(QStringLiteral("interp"));
    QTest::keyClick(chats.cannedPicker()->filterEdit(), Qt::Key_Return);
    QTRY_COMPARE(composer->toPlainText(),
                 QStringLiteral("Ana, an interpreter can join your visit in Texas. Just say which "
                                "language."));
    composer->clear();
}

void ChatAgainstServerTest::adminReadsAndExportsTheAuditLog() {
    QVERIFY2(m_sam, "needs the console signed in by initTestCase");
    auto admin = signIn(QStringLiteral("admin"));
    QVERIFY(admin);
    admin->mainWindow().openAuditLog();
    AuditLogView &log = admin->mainWindow().auditLog();
    QTRY_VERIFY(log.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(log.model().rowCount() > 0, kLiveUpdateMs);

    // Sam's reads of Ana's chat, by action prefix and subject.
    AuditFilter filter;
    filter.action = QStringLiteral("chat.");
    filter.subjectType = QStringLiteral("visit");
    filter.subjectId = QString::number(m_visits[0]);
    log.setFilter(filter);
    log.search();
    // The filtered page (the unfiltered one was shown first): only chat events,
    // Sam's read among them.
    const auto samRead = [&] {
        for (const AuditRow &row : log.model().rows()) {
            if (!row.action.startsWith(QLatin1String("chat.")))
                return false;
        }
        for (const AuditRow &row : log.model().rows()) {
            if (row.action == QLatin1String("chat.read") &&
                row.actorName == QLatin1String("Sam Rivera") &&
                row.subjectId == QString::number(m_visits[0]))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(samRead(), kLiveUpdateMs);

    // Exported: every matching event, with a header.
    const QString path = m_folder->filePath(QStringLiteral("audit.csv"));
    log.setExportPathQuestion([path] { return path; });
    QTest::mouseClick(log.findChild<QPushButton *>(QStringLiteral("auditExport")), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(log.statusText().startsWith(QLatin1String("Exported")),
                              qPrintable(log.statusText()), kLiveUpdateMs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 2);
    QVERIFY(lines.front().startsWith(QLatin1String("id,time_utc,")));
    QCOMPARE(lines.size() - 1, log.model().rowCount());
    QVERIFY(lines[1].contains(QLatin1String(",chat.")));
}

QTEST_MAIN(ChatAgainstServerTest)
#include "ChatAgainstServerTest.moc"
