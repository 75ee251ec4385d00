#include "CoverageBoardControls.h"
#include "FakeCareDeskServer.h"
#include "IsolatedSettings.h"
#include "QueueBoardSamples.h"
#include "ScriptedConsole.h"
#include "ServerProcess.h"
#include "app/ConsoleApplication.h"
#include "models/CoverageTableModel.h"
#include "models/ProviderStatusText.h"
#include "state/ProviderStatusRow.h"
#include "state/StateCoverage.h"
#include "ui/CoverageBoardView.h"
#include "ui/ProviderStatusButton.h"
#include "ui/QueueBoardView.h"
#include "ui/ShiftDialog.h"

#include <QAction>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using caredesk::console::ConsoleApplication;
using caredesk::console::CoverageBoardView;
using caredesk::console::CoverageTableModel;
using caredesk::console::ProviderStatusButton;
using caredesk::console::QueueBoardView;
using caredesk::console::ShiftDialog;
using caredesk::console::StateCoverage;
using caredesk::console::test::countCoverage;
using caredesk::console::test::coverageSample;
using caredesk::console::test::FakeCareDeskServer;
using caredesk::console::test::IsolatedSettings;
using caredesk::console::test::selectProvider;
using caredesk::console::test::ServerProcess;
using caredesk::console::test::startScriptedConsole;
using caredesk::protocol::QueueDelta;
using caredesk::protocol::QueueSnapshot;

namespace {

constexpr qint64 kHourMs = 3'600'000;
// The fake server numbers accounts from 1, in the order they are added.
constexpr qint64 kMeiId = 1;

QJsonObject bodyOf(const QString &json) {
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

// The sample day moved to today: the console counts on the server's clock,
// which the scripted server takes from this machine.
QueueSnapshot movedToNow(QueueSnapshot board) {
    const qint64 by = QDateTime::currentMSecsSinceEpoch() - caredesk::console::test::kNowMs;
    const auto move = [by](std::optional<std::int64_t> &at) {
        if (at)
            *at += by;
    };
    for (auto &visit : board.visits)
        visit.requestedAt += by;
    for (auto &provider : board.providers) {
        move(provider.statusSince);
        move(provider.shiftStartsAt);
        move(provider.shiftEndsAt);
    }
    return board;
}

// Mei's licenses, in force for years yet: no warning across the window.
caredesk::protocol::LicenseList meisLicenses() {
    caredesk::protocol::LicenseList list;
    std::int64_t id = 1;
    for (const char *state : {"CA", "WA"}) {
        caredesk::protocol::License license;
        license.id = id++;
        license.caregiverId = kMeiId;
        license.caregiverName = "Dr. Mei Chen";
        license.state = state;
        license.number = std::string(state) + "-MD-20931";
        license.type = "MD";
        license.expiresOn = QDate::currentDate().addYears(2).toString(Qt::ISODate).toStdString();
        license.status = "verified";
        license.inForce = true;
        list.licenses.push_back(license);
    }
    return list;
}

} // namespace

// A provider's status and shift, and an admin's change to a provider's
// shift, through the console's real wiring against the scripted server. The
// server's answers come back as queue deltas, as the real one sends them.
class ProviderAvailabilityFlowsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void providerSetsTheirStatus();
    void providerSetsAndClearsTheirShift();
    void adminSetsAProvidersShift();
    void screenshot();

private:
    void startConsole(const QString &username);
    // Mei as the server now describes her; the board's counts follow, and
    // the change goes out as the next delta.
    void pushMei(const std::string &status, bool onShift = true,
                 std::optional<qint64> shiftEndsAt = {});
    ProviderStatusButton &statusButton() const {
        return m_console->mainWindow().queueBoard().statusButton();
    }
    StateCoverage coverageOf(const QString &code) const;

    std::unique_ptr<IsolatedSettings> m_settings;
    std::unique_ptr<FakeCareDeskServer> m_server;
    std::unique_ptr<ConsoleApplication> m_console;
    QueueSnapshot m_board;
};

void ProviderAvailabilityFlowsTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("CareDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("provider-availability-test"));
    m_settings = std::make_unique<IsolatedSettings>();
    QVERIFY(m_settings->isValid());
}

void ProviderAvailabilityFlowsTest::init() {
    m_server = std::make_unique<FakeCareDeskServer>();
    m_server->addAccount(QStringLiteral("mei"), QStringLiteral("correct horse"),
                         QStringLiteral("Dr. Mei Chen"), {QStringLiteral("provider")});
    m_server->addAccount(QStringLiteral("alex"), QStringLiteral("correct horse"),
                         QStringLiteral("Alex Morgan"),
                         {QStringLiteral("support"), QStringLiteral("admin")});
    // The sample day, with Mei under her account's id, signed off, no shift.
    m_board = movedToNow(coverageSample());
    for (auto &provider : m_board.providers) {
        if (provider.displayName != "Dr. Mei Chen")
            continue;
        provider.id = kMeiId;
        provider.status = "offline";
        provider.shiftStartsAt.reset();
        provider.shiftEndsAt.reset();
        provider.onShift = true;
    }
    countCoverage(m_board);
    m_server->setQueueSnapshot(m_board);
    m_server->setLicenseList(meisLicenses());
    QVERIFY(m_server->listen());
}

void ProviderAvailabilityFlowsTest::cleanup() {
    m_console.reset();
    m_server.reset();
}

void ProviderAvailabilityFlowsTest::startConsole(const QString &username) {
    m_console = startScriptedConsole(*m_server, username, QStringLiteral("correct horse"));
    QVERIFY(m_console);
}

void ProviderAvailabilityFlowsTest::pushMei(const std::string &status, bool onShift,
                                            std::optional<qint64> shiftEndsAt) {
    const QueueSnapshot before = m_board;
    QueueDelta delta;
    delta.seq = ++m_board.seq;
    for (auto &provider : m_board.providers) {
        if (provider.id != kMeiId)
            continue;
        provider.status = status;
        provider.onShift = onShift;
        provider.shiftEndsAt = shiftEndsAt;
        provider.statusSince = QDateTime::currentMSecsSinceEpoch();
        delta.providers.push_back(provider);
    }
    countCoverage(m_board);
    for (std::size_t i = 0; i < m_board.states.size(); ++i) {
        if (!(m_board.states[i] == before.states[i]))
            delta.states.push_back(m_board.states[i]);
    }
    m_server->pushQueueDelta(delta);
}

StateCoverage ProviderAvailabilityFlowsTest::coverageOf(const QString &code) const {
    const CoverageTableModel &model = m_console->mainWindow().coverageBoard().coverageModel();
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(CoverageTableModel::StateCodeRole).toString() == code)
            return static_cast<StateCoverage>(index.data(CoverageTableModel::CoverageRole).toInt());
    }
    return StateCoverage::Closed;
}

void ProviderAvailabilityFlowsTest::providerSetsTheirStatus() {
    startConsole(QStringLiteral("mei"));
    ProviderStatusButton &button = statusButton();
    QVERIFY(button.isVisible());
    QCOMPARE(button.text(), QStringLiteral("Offline"));
    // Washington's patient waits and nobody licensed there is on shift.
    QCOMPARE(coverageOf(QStringLiteral("WA")), StateCoverage::Uncovered);

    button.findChild<QAction *>(QStringLiteral("setAvailableAction"))->trigger();
    QTRY_COMPARE(m_server->lastBody(QStringLiteral("set_availability")),
                 QStringLiteral(R"({"status":"available"})"));
    // The server's word, not the click, changes what shows.
    QCOMPARE(button.text(), QStringLiteral("Offline"));
    pushMei("available");
    QTRY_COMPARE(button.text(), QStringLiteral("Available"));
    QCOMPARE(coverageOf(QStringLiteral("WA")), StateCoverage::Covered);
    QCOMPARE(coverageOf(QStringLiteral("CA")), StateCoverage::Covered);

    button.findChild<QAction *>(QStringLiteral("setOnBreakAction"))->trigger();
    QTRY_COMPARE(m_server->lastBody(QStringLiteral("set_availability")),
                 QStringLiteral(R"({"status":"on_break"})"));
    pushMei("on_break");
    QTRY_COMPARE(button.text(), QStringLiteral("On break"));
    QCOMPARE(coverageOf(QStringLiteral("WA")), StateCoverage::NoProviderFree);
    QVERIFY(button.findChild<QAction *>(QStringLiteral("setOnBreakAction"))->isChecked());

    // Refused: said in the board's banner; nothing changes.
    m_server->setActionFailure(QStringLiteral("forbidden"),
                               QStringLiteral("your account is not a provider's"));
    button.findChild<QAction *>(QStringLiteral("setOfflineAction"))->trigger();
    QueueBoardView &board = m_console->mainWindow().queueBoard();
    QTRY_COMPARE(board.bannerText(),
                 QStringLiteral("Could not set your status to offline: your account is not a "
                                "provider's"));
    QCOMPARE(button.text(), QStringLiteral("On break"));

    // A visit makes her "in visit"; a shift that ends takes her off it.
    pushMei("in_visit");
    QTRY_COMPARE(button.text(), QStringLiteral("In visit"));
    const qint64 ended = QDateTime::currentMSecsSinceEpoch() - 2 * kHourMs;
    pushMei("available", false, ended);
    const QString offShift =
        QStringLiteral("Off shift — shift ended ") +
        caredesk::console::timeOfDayText(ended, QDateTime::currentMSecsSinceEpoch());
    QTRY_COMPARE(button.text(), offShift);
    QVERIFY(button.toolTip().contains(QLatin1String("Your shift: until")));
}

void ProviderAvailabilityFlowsTest::providerSetsAndClearsTheirShift() {
    startConsole(QStringLiteral("mei"));
    ProviderStatusButton &button = statusButton();
    button.findChild<QAction *>(QStringLiteral("shiftAction"))->trigger();
    ShiftDialog *dialog = button.shiftDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Your shift"));
    // Proposed: from now, for a working day.
    QVERIFY(!dialog->startsBox()->isChecked());
    QVERIFY(dialog->endsBox()->isChecked());
    QVERIFY(!dialog->clearButton()->isEnabled()); // nothing set to clear

    // Refused by the server: said at the field it names; the dialog stays.
    m_server->setRequestFailure(QStringLiteral("set_shift"), QStringLiteral("out_of_range"),
                                QStringLiteral("a shift is at most 24 hours"),
                                QStringLiteral("body.endsAt"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->errorText(QStringLiteral("endsAt")),
                 QStringLiteral("A shift is at most 24 hours"));
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isBusy());

    // Accepted: her own shift, no provider named; the dialog closes.
    m_server->setRequestFailure(QStringLiteral("set_shift"), {});
    const QDateTime end = QDateTime::currentDateTime().addSecs(6 * 3600);
    dialog->endsEdit()->setDateTime(end);
    QCOMPARE(dialog->errorText(QStringLiteral("endsAt")), QString());
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!button.shiftDialog());
    const QJsonObject sent = bodyOf(m_server->lastBody(QStringLiteral("set_shift")));
    QVERIFY(!sent.contains(QLatin1String("providerId")));
    QVERIFY(!sent.contains(QLatin1String("startsAt")));
    const qint64 endMs =
        QDateTime(end.date(), QTime(end.time().hour(), end.time().minute())).toMSecsSinceEpoch();
    QCOMPARE(sent.value(QLatin1String("endsAt")).toInteger(), endMs);

    // The server says so in the stream; the menu names it, and it can be cleared.
    pushMei("available", true, endMs);
    QTRY_VERIFY(button.findChild<QAction *>(QStringLiteral("shiftAction"))
                    ->text()
                    .startsWith(QLatin1String("Your &shift (until ")));
    button.findChild<QAction *>(QStringLiteral("shiftAction"))->trigger();
    QTRY_VERIFY(button.shiftDialog() && button.shiftDialog()->isVisible());
    QVERIFY(button.shiftDialog()->clearButton()->isEnabled());
    QTest::mouseClick(button.shiftDialog()->clearButton(), Qt::LeftButton);
    QTRY_VERIFY(!button.shiftDialog());
    QCOMPARE(m_server->lastBody(QStringLiteral("set_shift")), QStringLiteral("{}"));
}

void ProviderAvailabilityFlowsTest::adminSetsAProvidersShift() {
    startConsole(QStringLiteral("alex"));
    QVERIFY(!statusButton().isVisible()); // not a provider
    CoverageBoardView &coverage = m_console->mainWindow().coverageBoard();
    QTableView *providers = coverage.providerTable();
    QVERIFY(selectProvider(*providers, kMeiId));
    coverage.findChild<QAction *>(QStringLiteral("setProviderShiftAction"))->trigger();
    ShiftDialog *dialog = coverage.shiftDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Shift of Dr. Mei Chen"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(!coverage.shiftDialog());
    const QJsonObject sent = bodyOf(m_server->lastBody(QStringLiteral("set_shift")));
    QCOMPARE(sent.value(QLatin1String("providerId")).toInteger(), kMeiId);
    QVERIFY(sent.contains(QLatin1String("endsAt")));
}

void ProviderAvailabilityFlowsTest::screenshot() {
    startConsole(QStringLiteral("mei"));
    pushMei("available", true, QDateTime::currentMSecsSinceEpoch() + 5 * kHourMs);
    QTRY_COMPARE(statusButton().text(), QStringLiteral("Available"));
    // The coverage pane on its provider list, Mei's row picked.
    CoverageBoardView &coverage = m_console->mainWindow().coverageBoard();
    auto *tabs = coverage.findChild<QTabWidget *>(QStringLiteral("coverageTabs"));
    for (int tab = 0; tab < tabs->count(); ++tab) {
        if (tabs->tabText(tab).startsWith(QLatin1String("Providers")))
            tabs->setCurrentIndex(tab);
    }
    QTableView *providers = coverage.providerTable();
    QVERIFY(selectProvider(*providers, kMeiId));
    statusButton().findChild<QAction *>(QStringLiteral("shiftAction"))->trigger();
    QTRY_VERIFY(statusButton().shiftDialog() && statusButton().shiftDialog()->isVisible());
    ShiftDialog &dialog = *statusButton().shiftDialog();
    QTest::qWait(300);

    // The window with the dialog over it, where it opened, as a screen shows it.
    QMainWindow &window = m_console->mainWindow();
    QPixmap shot = window.grab();
    {
        QPainter painter(&shot);
        const QPoint at = dialog.mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0));
        const QRect frame(at, dialog.size());
        // No window manager draws a title bar here: a plain one stands in.
        const int titleHeight = dialog.fontMetrics().height() + 12;
        const QRect title(frame.left(), frame.top() - titleHeight, frame.width(), titleHeight);
        painter.fillRect(frame.united(title).translated(3, 3), QColor(0, 0, 0, 45));
        painter.fillRect(title, window.palette().color(QPalette::Mid).lighter(125));
        QFont bold = dialog.font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.setPen(window.palette().color(QPalette::WindowText));
        painter.drawText(title.adjusted(10, 0, -10, 0), Qt::AlignVCenter | Qt::AlignLeft,
                         dialog.windowTitle());
        painter.drawPixmap(at, dialog.grab());
        painter.setPen(window.palette().color(QPalette::Dark));
        painter.drawRect(frame.united(title).adjusted(0, 0, -1, -1));
    }
    auto folder = ServerProcess::makeFolder(QStringLiteral("caredesk-availability-shot"));
    QVERIFY(folder);
    const QString path =
        ServerProcess::screenshotPath(*folder, QStringLiteral("console-availability.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
    dialog.reject();
}

QTEST_MAIN(ProviderAvailabilityFlowsTest)
#include "ProviderAvailabilityFlowsTest.moc"
