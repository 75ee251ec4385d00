#include "ui/MainWindow.h"

#include "models/AuditTableModel.h"
#include "models/VisitFilterProxyModel.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/AuditLogView.h"
#include "ui/BannerView.h"
#include "ui/CannedResponseEditor.h"
#include "ui/CaregiversWindow.h"
#include "ui/ChatWorkspace.h"
#include "ui/ConnectionStatusView.h"
#include "ui/CoverageBoardView.h"
#include "ui/EmptyStateView.h"
#include "ui/QueueBoardView.h"
#include "ui/StateSettingsView.h"
#include "ui/VisitFilterBar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#ifndef CAREDESK_VERSION
#define CAREDESK_VERSION "0.0.0"
#endif

namespace caredesk::console {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
// Bump when the set of panes or their sizes change, so an old saved
// arrangement is ignored.
constexpr int kLayoutVersion = 4;

QString roleTitle(const QString &role) {
    if (role == QLatin1String("support"))
        return MainWindow::tr("Support");
    if (role == QLatin1String("provider"))
        return MainWindow::tr("Provider");
    if (role == QLatin1String("admin"))
        return MainWindow::tr("Admin");
    return role;
}

} // namespace

MainWindow::MainWindow(SessionState &state, QueueStore &queueStore,
                       StateSettingsStore &stateSettings, ChatThreadStore &chatThreads,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_state(state)
    , m_connectionStatus(new ConnectionStatusView(this))
    , m_queueBoard(new QueueBoardView(queueStore, state))
    , m_chatWorkspace(new ChatWorkspace(chatThreads, queueStore, state))
    , m_coverageBoard(new CoverageBoardView(queueStore, state))
    , m_stateSettings(new StateSettingsView(stateSettings, state, this))
    , m_cannedResponses(new CannedResponseEditor(this))
    , m_auditLog(new AuditLogView(this))
    , m_caregivers(new CaregiversWindow(this))
    , m_queueStore(queueStore)
    , m_signedIn(new QLabel(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("CareDesk Console"));
    resize(1280, 800);
    setDockNestingEnabled(true);
    setDocumentMode(true);
    // Pane titles a little roomier and bolder than the default title strip.
    // Stylesheet fonts do not propagate to children, so only the title changes.
    setStyleSheet(QStringLiteral("QDockWidget { font-weight: 600; }"
                                 "QDockWidget::title { padding: 6px 10px; }"));

    auto *visitArea = new EmptyStateView(
        EmptyStateView::Pictogram::Video, tr("No visit in progress"),
        tr("The video visit opens here when you take a patient from a queue."), this);
    visitArea->setBackground(QPalette::Window);
    setCentralWidget(visitArea);

    QDockWidget *queues =
        addPane(QStringLiteral("queuesPane"), tr("Queues"), m_queueBoard, Qt::LeftDockWidgetArea);
    QDockWidget *chats =
        addPane(QStringLiteral("chatsPane"), tr("Chats"), m_chatWorkspace, Qt::RightDockWidgetArea);
    m_chatsPane = chats;
    QDockWidget *coverage = addPane(QStringLiteral("coveragePane"), tr("Coverage"), m_coverageBoard,
                                    Qt::LeftDockWidgetArea);
    auto *adminPage = new EmptyStateView(
        EmptyStateView::Pictogram::Settings, tr("State hours and limits"),
        tr("Each state's hours, holidays, special days and intake limits open in their own "
           "window: admins change them, support staff read them. Admins onboard caregivers "
           "and their state licenses under Caregivers."),
        this);
    m_openStateSettings = adminPage->addButton(tr("Open state settings"));
    m_openStateSettings->setObjectName(QStringLiteral("openStateSettings"));
    m_openStateSettings->setToolTip(tr("Ctrl+Shift+H from the queue board"));
    connect(m_openStateSettings, &QPushButton::clicked, this, [this] { openStateSettings(); });
    m_openCannedResponses = adminPage->addButton(tr("Canned responses"));
    m_openCannedResponses->setObjectName(QStringLiteral("openCannedResponses"));
    m_openCannedResponses->setToolTip(tr("The snippets staff insert into chats"));
    connect(m_openCannedResponses, &QPushButton::clicked, this, &MainWindow::openCannedResponses);
    m_openAuditLog = adminPage->addButton(tr("Audit log"));
    m_openAuditLog->setObjectName(QStringLiteral("openAuditLog"));
    m_openAuditLog->setToolTip(tr("Who did what, when: every access to patient data"));
    connect(m_openAuditLog, &QPushButton::clicked, this, &MainWindow::openAuditLog);
    m_openCaregivers = adminPage->addButton(tr("Caregivers"));
    m_openCaregivers->setObjectName(QStringLiteral("openCaregivers"));
    m_openCaregivers->setToolTip(tr("Accounts, invitations, state licenses and bulk import"));
    connect(m_openCaregivers, &QPushButton::clicked, this, &MainWindow::openCaregivers);
    QDockWidget *admin =
        addPane(QStringLiteral("adminPane"), tr("Admin"), adminPage, Qt::RightDockWidgetArea);
    splitDockWidget(queues, coverage, Qt::Vertical);
    splitDockWidget(chats, admin, Qt::Vertical);
    // The queue board is the working surface of a shift: most of the width
    // and height go to it; the coverage map stays in sight below it.
    resizeDocks({queues, chats}, {640, 620}, Qt::Horizontal);
    resizeDocks({queues, coverage}, {470, 290}, Qt::Vertical);
    resizeDocks({chats, admin}, {640, 120}, Qt::Vertical);

    // Across the whole width, under the menu bar: seen whatever the panes show.
    // The tool bar lays out its holder, never the banner itself, so the
    // banner shows and hides as it does anywhere else.
    m_licenseBanner = new BannerView(this);
    m_licenseBanner->setObjectName(QStringLiteral("licenseBanner"));
    m_noticeHolder = new QWidget(this);
    m_noticeHolder->setObjectName(QStringLiteral("noticeHolder"));
    m_noticeHolder->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto *holderLayout = new QVBoxLayout(m_noticeHolder);
    holderLayout->setContentsMargins(0, 0, 0, 0);
    holderLayout->addWidget(m_licenseBanner);
    m_bannerBar = new QToolBar(tr("Notices"), this);
    m_bannerBar->setObjectName(QStringLiteral("noticeBar"));
    m_bannerBar->setMovable(false);
    m_bannerBar->setFloatable(false);
    m_bannerBar->toggleViewAction()->setVisible(false);
    m_bannerBar->setStyleSheet(QStringLiteral("QToolBar { border: none; padding: 4px 6px; }"));
    m_bannerBar->addWidget(m_noticeHolder);
    addToolBar(Qt::TopToolBarArea, m_bannerBar);
    m_bannerBar->hide();
    connect(m_licenseBanner, &BannerView::dismissed, m_bannerBar, &QWidget::hide);

    createMenus();
    connect(m_queueBoard, &QueueBoardView::stateSettingsRequested, this,
            &MainWindow::openStateSettings);
    // The coverage map narrows the queue board to a state and shows which
    // states the board shows.
    connect(m_coverageBoard, &CoverageBoardView::stateFilterToggled, &m_queueBoard->filterBar(),
            &VisitFilterBar::toggleOnlyState);
    connect(m_coverageBoard, &CoverageBoardView::allStatesRequested, &m_queueBoard->filterBar(),
            &VisitFilterBar::showAllStates);
    connect(&m_queueBoard->visitProxy(), &VisitFilterProxyModel::filterChanged, m_coverageBoard,
            [this] { m_coverageBoard->setFilteredStates(m_queueBoard->visitProxy().states()); });

    m_connectionStatus->setObjectName(QStringLiteral("connectionStatus"));
    m_signedIn->setObjectName(QStringLiteral("signedIn"));
    m_signedIn->setContentsMargins(6, 0, 6, 0);
    statusBar()->addWidget(m_connectionStatus);
    statusBar()->addPermanentWidget(m_signedIn);

    connect(&m_state, &SessionState::connectionChanged, m_connectionStatus,
            &ConnectionStatusView::setState);
    connect(&m_state, &SessionState::caregiverChanged, this, &MainWindow::showCaregiver);
    m_connectionStatus->setState(m_state.connection());
    showCaregiver();

    m_defaultLayout = saveState(kLayoutVersion);
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray(), kLayoutVersion);
    m_bannerBar->hide(); // a notice of last time is not one of now
}

void MainWindow::showChats() {
    m_chatsPane->show();
    m_chatsPane->raise();
}

void MainWindow::openCannedResponses() {
    const auto &caregiver = m_state.caregiver();
    if (!caregiver || !caregiver->hasRole(QStringLiteral("admin")))
        return; // the server lets only admins change them
    m_cannedResponses->show();
    m_cannedResponses->raise();
    m_cannedResponses->activateWindow();
    emit m_cannedResponses->reloadRequested();
}

void MainWindow::openAuditLog() {
    const auto &caregiver = m_state.caregiver();
    if (!caregiver || !caregiver->hasRole(QStringLiteral("admin")))
        return; // the server shows it to admins only
    m_auditLog->show();
    m_auditLog->raise();
    m_auditLog->activateWindow();
    m_auditLog->search();
}

void MainWindow::openCaregivers() {
    const auto &caregiver = m_state.caregiver();
    if (!caregiver || !caregiver->hasRole(QStringLiteral("admin")))
        return; // the server lets only admins manage accounts
    QStringList states;
    for (const StateQueueRow &state : m_queueStore.states())
        states.append(state.code);
    states.sort();
    m_caregivers->setKnownStates(states);
    m_caregivers->setOwnId(caregiver->userId);
    m_caregivers->show();
    m_caregivers->raise();
    m_caregivers->activateWindow();
    m_caregivers->reload();
}

void MainWindow::showLicenseWarning(const QString &text) {
    if (text.isEmpty()) {
        m_licenseBanner->dismiss();
        return;
    }
    m_licenseBanner->showMessage(BannerView::Kind::Warning, text);
    m_bannerBar->show();
    fitNotice();
}

QString MainWindow::licenseWarningText() const {
    return m_bannerBar->isHidden() ? QString() : m_licenseBanner->text();
}

void MainWindow::fitNotice() {
    // A tool bar knows nothing of wrapped text: give the banner the height
    // its text needs at the window's width.
    const int width = std::max(240, this->width() - 16);
    m_noticeHolder->setFixedHeight(m_licenseBanner->heightForWidth(width));
}

void MainWindow::resizeEvent(QResizeEvent *event) {
    QMainWindow::resizeEvent(event);
    if (!m_bannerBar->isHidden())
        fitNotice();
}

void MainWindow::openStateSettings(const QString &stateCode) {
    const auto &caregiver = m_state.caregiver();
    if (!caregiver || !(caregiver->hasRole(QStringLiteral("admin")) ||
                        caregiver->hasRole(QStringLiteral("support"))))
        return; // the server lists state settings to staff only
    m_stateSettings->openState(stateCode);
}

QString MainWindow::connectionStatusText() const {
    return m_connectionStatus->text();
}

QString MainWindow::signedInText() const {
    return m_signedIn->text();
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kLayoutVersion));
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveLayout();
    event->accept();
    emit quitRequested();
}

QDockWidget *MainWindow::addPane(const QString &name, const QString &title, QWidget *content,
                                 Qt::DockWidgetArea area) {
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    dock->setWidget(content);
    addDockWidget(area, dock);
    m_panes.append(dock);
    return dock;
}

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_logOut = file->addAction(tr("&Log out"), this, &MainWindow::logOutRequested);
    m_logOut->setObjectName(QStringLiteral("logOutAction"));
    m_logOut->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const Qt::Key digits[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4};
    for (qsizetype i = 0; i < m_panes.size() && i < 4; ++i) {
        QAction *toggle = m_panes[i]->toggleViewAction();
        toggle->setShortcut(QKeySequence(Qt::CTRL | digits[i]));
        // Registered on the window too, so the shortcut works while the menu bar
        // is hidden or the pane is closed.
        addAction(toggle);
        view->addAction(toggle);
    }
    view->addSeparator();
    QAction *reset = view->addAction(tr("&Reset layout"), this, [this] {
        const bool notice = !m_licenseBanner->isHidden();
        restoreState(m_defaultLayout, kLayoutVersion);
        m_bannerBar->setVisible(notice);
        for (QDockWidget *pane : std::as_const(m_panes))
            pane->show();
    });
    reset->setObjectName(QStringLiteral("resetLayoutAction"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About CareDesk Console"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showCaregiver() {
    const auto &caregiver = m_state.caregiver();
    m_logOut->setEnabled(caregiver.has_value());
    const bool staff = caregiver && (caregiver->hasRole(QStringLiteral("admin")) ||
                                     caregiver->hasRole(QStringLiteral("support")));
    m_openStateSettings->setEnabled(staff);
    m_openStateSettings->setText(staff ? tr("Open state settings")
                                       : tr("For support staff and admins"));
    if (!staff)
        m_stateSettings->close();
    const bool admin = caregiver && caregiver->hasRole(QStringLiteral("admin"));
    m_openCannedResponses->setVisible(admin);
    m_openAuditLog->setVisible(admin);
    m_openCaregivers->setVisible(admin);
    // Whoever signs in next starts from an empty log, an empty list of
    // caregivers and without a warning meant for someone else.
    m_auditLog->model().setRows({});
    if (!caregiver || caregiver->userId != m_shownCaregiverId) {
        m_caregivers->clear();
        showLicenseWarning({});
    }
    m_shownCaregiverId = caregiver ? caregiver->userId : 0;
    if (!admin) {
        m_cannedResponses->close();
        m_auditLog->close();
        m_caregivers->close();
    }
    if (!caregiver) {
        m_signedIn->setText(tr("Not signed in"));
        setWindowTitle(tr("CareDesk Console"));
        return;
    }
    QStringList roles;
    for (const QString &role : caregiver->roles)
        roles.append(roleTitle(role));
    const QString name =
        caregiver->displayName.isEmpty() ? caregiver->username : caregiver->displayName;
    // The username is what people type to sign in, so it is shown too, unless
    // the display name already carries it.
    const QString tag = QStringLiteral("(%1)").arg(caregiver->username);
    const QString who = name == caregiver->username || name.contains(tag, Qt::CaseInsensitive)
                            ? name
                            : tr("%1 (%2)").arg(name, caregiver->username);
    m_signedIn->setText(tr("Signed in as %1 · %2")
                            .arg(who, roles.isEmpty() ? tr("no roles") : roles.join(tr(", "))));
    setWindowTitle(tr("CareDesk Console — %1").arg(name));
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About CareDesk Console"),
        tr("<h3>CareDesk Console %1</h3>"
           "<p>The caregivers' desktop for on-demand virtual visits: queues per state, "
           "chats with waiting patients, provider availability and video visits.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(CAREDESK_VERSION), QString::fromLatin1(qVersion())));
}

} // namespace caredesk::console
