#include "app/ConsoleApplication.h"

#include "app/LaunchOptions.h"
#include "net/ServerAddress.h"
#include "state/ChatConversation.h"
#include "state/LicenseStanding.h"
#include "ui/AuditLogView.h"
#include "ui/CannedResponseEditor.h"
#include "ui/CaregiversWindow.h"
#include "ui/ChatWorkspace.h"
#include "ui/CoverageBoardView.h"
#include "ui/QueueBoardView.h"
#include "ui/StateSettingsView.h"

#include <QDateTime>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

namespace caredesk::console {

namespace {
// Long enough for the window to be laid out and painted once after showing.
constexpr int kScreenshotDelayMs = 800;
constexpr int kLogoutGraceMs = 3000;
constexpr int kCloseGraceMs = 300;

void printError(const QString &message) {
    std::fprintf(stderr, "caredesk-console: %s\n", qPrintable(message));
}
} // namespace

ConsoleApplication::ConsoleApplication(ConnectionTimings timings, QObject *parent)
    : QObject(parent)
    , m_connection(timings)
    , m_queueChannel(m_connection, m_queueStore)
    , m_chatChannel(m_connection, m_chatThreads)
    , m_auditChannel(m_connection)
    , m_accountChannel(m_connection)
    , m_stateSettingsChannel(m_connection, m_stateSettingsStore)
    , m_mainWindow(m_state, m_queueStore, m_stateSettingsStore, m_chatThreads)
    , m_chatNotifier(m_chatThreads, m_mainWindow.chatWorkspace(), m_state, m_mainWindow)
    , m_signInFlow(m_connection, m_state, m_mainWindow) {
    wireQueueBoard();
    wireStateSettings();
    wireChats();
    wireAuditLog();
    wireCaregivers();
    connect(&m_mainWindow, &MainWindow::quitRequested, this, [this] {
        m_connection.disconnectFromServer();
        finishAfterClose(0);
    });
    connect(&m_signInFlow, &SignInFlow::quitRequested, this, [this] { emit finished(0); });
}

void ConsoleApplication::wireQueueBoard() {
    QueueBoardView &board = m_mainWindow.queueBoard();
    // Waiting times count on the server's clock, whatever this workstation's says.
    board.setClock(serverClock());
    connect(&board, &QueueBoardView::stateStatusRequested, &m_queueChannel,
            &QueueChannel::setStateStatus);
    connect(&board, &QueueBoardView::takeNextRequested, &m_queueChannel,
            &QueueChannel::takeNextVisit);
    connect(&board, &QueueBoardView::availabilityRequested, &m_queueChannel,
            &QueueChannel::setAvailability);
    connect(&board, &QueueBoardView::priorityRequested, &m_queueChannel,
            &QueueChannel::setVisitPriority);
    connect(&board, &QueueBoardView::removalRequested, &m_queueChannel, &QueueChannel::removeVisit);
    connect(&board, &QueueBoardView::assignmentRequested, &m_queueChannel,
            &QueueChannel::assignVisit);
    connect(&m_queueChannel, &QueueChannel::actionFailed, &board,
            &QueueBoardView::showActionFailed);
    connect(&m_queueChannel, &QueueChannel::visitTaken, &board, &QueueBoardView::showVisitTaken);
    connect(&board, &QueueBoardView::providersRequested, &m_queueChannel,
            &QueueChannel::listProviders);
    connect(&m_queueChannel, &QueueChannel::providersListed, &board,
            &QueueBoardView::setProviderChoices);
    connect(&m_queueChannel, &QueueChannel::providerListFailed, &board,
            &QueueBoardView::showProviderListFailed);
    connect(&board, &QueueBoardView::visitFilingRequested, &m_queueChannel,
            &QueueChannel::fileVisit);
    connect(&m_queueChannel, &QueueChannel::visitFiled, &board, &QueueBoardView::showVisitFiled);
    connect(&m_queueChannel, &QueueChannel::intakeRefused, &board,
            &QueueBoardView::showIntakeRefused);
    connect(&m_queueChannel, &QueueChannel::fileVisitFailed, &board,
            &QueueBoardView::showFileVisitFailed);
    connect(&m_connection, &ServerConnection::sessionStarted, this, [this] {
        // Patient links point at the server signed in to.
        m_mainWindow.queueBoard().setServerUrl(m_connection.serverUrl());
    });

    // Providers' status and shifts: a provider's own from the board's status
    // button, anyone's for admins from the coverage board.
    CoverageBoardView &coverage = m_mainWindow.coverageBoard();
    coverage.setClock(serverClock());
    connect(&board, &QueueBoardView::shiftRequested, &m_queueChannel, &QueueChannel::setShift);
    connect(&coverage, &CoverageBoardView::shiftRequested, &m_queueChannel,
            &QueueChannel::setShift);
    connect(&m_queueChannel, &QueueChannel::shiftSaved, &board, &QueueBoardView::showShiftSaved);
    connect(&m_queueChannel, &QueueChannel::shiftSaved, &coverage,
            &CoverageBoardView::showShiftSaved);
    connect(&m_queueChannel, &QueueChannel::shiftFailed, &board, &QueueBoardView::showShiftFailed);
    connect(&m_queueChannel, &QueueChannel::shiftFailed, &coverage,
            &CoverageBoardView::showShiftFailed);
}

std::function<qint64()> ConsoleApplication::serverClock() const {
    return [this] {
        return QDateTime::currentMSecsSinceEpoch() + m_connection.serverClockOffsetMs();
    };
}

void ConsoleApplication::wireStateSettings() {
    StateSettingsView &view = m_mainWindow.stateSettings();
    connect(&view, &StateSettingsView::reloadRequested, &m_stateSettingsChannel,
            &StateSettingsChannel::list);
    connect(&view, &StateSettingsView::saveRequested, &m_stateSettingsChannel,
            &StateSettingsChannel::save);
    connect(&m_stateSettingsChannel, &StateSettingsChannel::saved, &view,
            &StateSettingsView::showSaved);
    connect(&m_stateSettingsChannel, &StateSettingsChannel::saveFailed, &view,
            &StateSettingsView::showSaveFailed);
}

void ConsoleApplication::wireChats() {
    ChatWorkspace &chats = m_mainWindow.chatWorkspace();
    chats.setClock(serverClock());
    chats.addNotificationActions(m_chatNotifier.muteAction(), m_chatNotifier.soundAction());
    connect(&m_chatChannel, &ChatChannel::threadOpened, &chats, [this](qint64 visitId) {
        if (ChatConversation *conversation = m_chatChannel.conversation(visitId))
            m_mainWindow.chatWorkspace().addThread(*conversation);
    });
    connect(&m_chatChannel, &ChatChannel::threadClosed, &chats, &ChatWorkspace::removeThread);
    connect(&chats, &ChatWorkspace::openRequested, &m_chatChannel, &ChatChannel::openThread);
    connect(&chats, &ChatWorkspace::closeRequested, &m_chatChannel, &ChatChannel::closeThread);
    connect(&chats, &ChatWorkspace::sendRequested, &m_chatChannel,
            [this](qint64 visitId, ChatLine::Kind kind, const QString &body) {
                m_chatChannel.send(visitId, kind, body);
            });
    connect(&chats, &ChatWorkspace::loadOlderRequested, &m_chatChannel, &ChatChannel::loadOlder);
    connect(&chats, &ChatWorkspace::readRequested, &m_chatChannel, &ChatChannel::markRead);
    connect(&chats, &ChatWorkspace::typingRequested, &m_chatChannel, &ChatChannel::notifyTyping);
    connect(&chats, &ChatWorkspace::claimRequested, &m_chatChannel, &ChatChannel::claim);
    connect(&chats, &ChatWorkspace::transferRequested, &m_chatChannel, &ChatChannel::transfer);
    connect(&chats, &ChatWorkspace::colleaguesRequested, &m_chatChannel,
            &ChatChannel::listColleagues);
    connect(&chats, &ChatWorkspace::cannedResponsesRequested, &m_chatChannel,
            &ChatChannel::listCannedResponses);
    connect(&chats, &ChatWorkspace::retryRequested, &m_chatChannel, &ChatChannel::retry);
    connect(&chats, &ChatWorkspace::discardRequested, &m_chatChannel, &ChatChannel::discard);
    connect(&m_chatChannel, &ChatChannel::colleaguesListed, &chats, &ChatWorkspace::setColleagues);
    connect(&m_chatChannel, &ChatChannel::colleaguesListFailed, &chats,
            &ChatWorkspace::showColleaguesFailed);
    connect(&m_chatChannel, &ChatChannel::cannedResponsesListed, &chats,
            &ChatWorkspace::setCannedResponses);
    connect(&m_chatChannel, &ChatChannel::actionFailed, &chats, &ChatWorkspace::showActionFailed);

    CannedResponseEditor &canned = m_mainWindow.cannedResponses();
    connect(&canned, &CannedResponseEditor::reloadRequested, &m_chatChannel,
            &ChatChannel::listCannedResponses);
    connect(&canned, &CannedResponseEditor::saveRequested, &m_chatChannel,
            &ChatChannel::saveCannedResponse);
    connect(&canned, &CannedResponseEditor::deleteRequested, &m_chatChannel,
            &ChatChannel::deleteCannedResponse);
    connect(&m_chatChannel, &ChatChannel::cannedResponsesListed, &canned,
            &CannedResponseEditor::setResponses);
    connect(&m_chatChannel, &ChatChannel::cannedResponseSaved, &canned,
            &CannedResponseEditor::showSaved);
    connect(&m_chatChannel, &ChatChannel::cannedResponseDeleted, &canned,
            &CannedResponseEditor::showDeleted);
    connect(&m_chatChannel, &ChatChannel::cannedResponseFailed, &canned,
            &CannedResponseEditor::showFailed);

    // From the queue board, and for a provider taking a patient: the chat
    // so far comes with the visit.
    const auto openChat = [this](qint64 visitId) {
        m_mainWindow.showChats();
        m_mainWindow.chatWorkspace().openThread(visitId);
    };
    connect(&m_mainWindow.queueBoard(), &QueueBoardView::chatRequested, this, openChat);
    connect(&m_queueChannel, &QueueChannel::visitTaken, this,
            [openChat](const QueueVisitRow &visit) { openChat(visit.id); });
    connect(&m_connection, &ServerConnection::sessionStarted, &m_chatChannel,
            [this] { m_chatChannel.listCannedResponses(); });
}

void ConsoleApplication::wireAuditLog() {
    AuditLogView &view = m_mainWindow.auditLog();
    connect(&view, &AuditLogView::listRequested, &m_auditChannel, &AuditChannel::list);
    connect(&view, &AuditLogView::olderRequested, &m_auditChannel, &AuditChannel::loadOlder);
    connect(&view, &AuditLogView::exportRequested, &m_auditChannel, &AuditChannel::loadAll);
    connect(&m_auditChannel, &AuditChannel::pageLoaded, &view, &AuditLogView::showPage);
    connect(&m_auditChannel, &AuditChannel::allLoaded, &view, &AuditLogView::exportRows);
    connect(&m_auditChannel, &AuditChannel::failed, &view, &AuditLogView::showFailed);
}

void ConsoleApplication::wireCaregivers() {
    CaregiversWindow &window = m_mainWindow.caregivers();
    AccountChannel &channel = m_accountChannel;
    connect(&window, &CaregiversWindow::caregiversRequested, &channel,
            &AccountChannel::listCaregivers);
    connect(&window, &CaregiversWindow::createRequested, &channel,
            &AccountChannel::createCaregiver);
    connect(&window, &CaregiversWindow::updateRequested, &channel,
            &AccountChannel::updateCaregiver);
    connect(&window, &CaregiversWindow::activeChangeRequested, &channel,
            &AccountChannel::setCaregiverActive);
    connect(&window, &CaregiversWindow::accessResetRequested, &channel,
            &AccountChannel::resetCaregiverAccess);
    connect(&window, &CaregiversWindow::licensesRequested, &channel, &AccountChannel::listLicenses);
    connect(&window, &CaregiversWindow::licenseSaveRequested, &channel,
            &AccountChannel::saveLicense);
    connect(&window, &CaregiversWindow::importRequested, &channel,
            &AccountChannel::importCaregivers);
    connect(&channel, &AccountChannel::caregiversListed, &window,
            &CaregiversWindow::showCaregivers);
    connect(&channel, &AccountChannel::caregiversListFailed, &window,
            &CaregiversWindow::showCaregiversFailed);
    connect(&channel, &AccountChannel::caregiverSaved, &window,
            &CaregiversWindow::showCaregiverSaved);
    connect(&channel, &AccountChannel::invitationIssued, &window,
            &CaregiversWindow::showInvitation);
    connect(&channel, &AccountChannel::caregiverFailed, &window,
            &CaregiversWindow::showCaregiverFailed);
    connect(&channel, &AccountChannel::licensesListed, &window, &CaregiversWindow::showLicenses);
    connect(&channel, &AccountChannel::licensesListFailed, &window,
            &CaregiversWindow::showLicensesFailed);
    connect(&channel, &AccountChannel::licenseSaved, &window, &CaregiversWindow::showLicenseSaved);
    connect(&channel, &AccountChannel::licenseSaveFailed, &window,
            &CaregiversWindow::showLicenseSaveFailed);
    connect(&channel, &AccountChannel::importReported, &window,
            &CaregiversWindow::showImportReport);
    connect(&channel, &AccountChannel::importFailed, &window, &CaregiversWindow::showImportFailed);

    // A provider hears once per sign-in when their licenses need attention.
    connect(&m_connection, &ServerConnection::sessionStarted, &channel,
            [this](const SessionInfo &session, bool resumed) {
                if (!resumed && session.hasRole(QStringLiteral("provider")))
                    m_accountChannel.listOwnLicenses(session.userId,
                                                     session.hasRole(QStringLiteral("admin")));
            });
    connect(&channel, &AccountChannel::ownLicensesListed, this, [this](const LicenseListing &own) {
        // The date on the server's clock, in this workstation's zone.
        const QDate today = QDateTime::fromMSecsSinceEpoch(serverClock()()).date();
        m_mainWindow.showLicenseWarning(LicenseStanding::providerWarning(own, today));
    });
}

void ConsoleApplication::start(const LaunchOptions &options) {
    if (!options.screenshotPath.isEmpty()) {
        // Made for scripts: sign in, save, leave; any failure ends the run.
        connect(&m_signInFlow, &SignInFlow::signedIn, this, [this, path = options.screenshotPath] {
            QTimer::singleShot(kScreenshotDelayMs, this, [this, path] { saveScreenshot(path); });
        });
        connect(&m_connection, &ServerConnection::authenticationFailed, this,
                [this](const QString &code, const QString &message) {
                    printError(QStringLiteral("sign-in refused (%1): %2").arg(code, message));
                    emit finished(1);
                });
        connect(&m_connection, &ServerConnection::serverUnreachable, this,
                [this](const QString &reason) {
                    printError(QStringLiteral("cannot reach server: %1").arg(reason));
                    emit finished(1);
                });
    }
    if (options.signsInDirectly()) {
        const auto address = ServerAddress::fromUserInput(options.server);
        m_signInFlow.signInDirectly(address->webSocketUrl(), options.server, options.username,
                                    *options.password);
        return;
    }
    m_signInFlow.start(options.server, options.username);
}

void ConsoleApplication::saveScreenshot(const QString &path) {
    if (!m_mainWindow.grab().save(path)) {
        printError(QStringLiteral("cannot write the screenshot to %1").arg(path));
        emit finished(1);
        return;
    }
    // Ending the session on the server is polite, not essential: leave either
    // way after a short wait.
    connect(&m_connection, &ServerConnection::loggedOut, this, [this] { finishAfterClose(0); });
    QTimer::singleShot(kLogoutGraceMs, this, [this] { emit finished(0); });
    m_connection.logOut();
}

void ConsoleApplication::finishAfterClose(int exitCode) {
    // The WebSocket close handshake needs a moment on the event loop; leaving
    // at once would reset the connection and read as a crash in the server log.
    QTimer::singleShot(kCloseGraceMs, this, [this, exitCode] { emit finished(exitCode); });
}

} // namespace caredesk::console
