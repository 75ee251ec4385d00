#include "ui/ProviderStatusButton.h"

#include "models/ProviderStatusText.h"
#include "state/QueueStore.h"
#include "state/SessionState.h"
#include "ui/ShiftDialog.h"
#include "ui/ShiftDialogHolder.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QMenu>
#include <QPainter>

namespace caredesk::console {

namespace {

using domain::AvailabilityStatus;

// The texts name the day once it is not today: refreshed now and then.
constexpr int kRefreshMs = 60'000;

// A round dot in the status's colour, drawn for each common screen scale so
// it stays sharp wherever the window goes.
QIcon dotIcon(const QColor &colour) {
    constexpr int kSize = 16;
    QIcon icon;
    for (const qreal scale : {1.0, 1.5, 2.0, 3.0}) {
        QPixmap pixmap(QSize(kSize, kSize) * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(colour.darker(130), 1));
        painter.setBrush(colour);
        const qreal margin = kSize * 0.2;
        painter.drawEllipse(QRectF(margin, margin, kSize - 2 * margin, kSize - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

ProviderStatusButton::ProviderStatusButton(QueueStore &store, SessionState &session,
                                           QWidget *parent)
    : QToolButton(parent)
    , m_store(store)
    , m_session(session)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_menu(new QMenu(this))
    , m_statusGroup(new QActionGroup(this))
    , m_shiftDialog(new ShiftDialogHolder(this)) {
    setObjectName(QStringLiteral("providerStatus"));
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setMenu(m_menu);
    setAccessibleName(tr("Your status"));
    m_menu->setObjectName(QStringLiteral("providerStatusMenu"));

    const auto addStatus = [this](const QString &text, const char *name, AvailabilityStatus status,
                                  ProviderStanding looks, const QString &tip) {
        QAction *action = m_menu->addAction(text);
        action->setObjectName(QLatin1String(name));
        action->setCheckable(true);
        action->setToolTip(tip);
        action->setStatusTip(tip);
        action->setIcon(dotIcon(standingColour(looks)));
        m_statusGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, status] {
            refresh(); // the check follows the server's answer, not the click
            emit availabilityRequested(status);
        });
        return action;
    };
    m_available = addStatus(tr("&Available"), "setAvailableAction", AvailabilityStatus::Available,
                            ProviderStanding::Available,
                            tr("Offered patients within your shift, counted in wait estimates"));
    m_onBreak = addStatus(tr("On &break"), "setOnBreakAction", AvailabilityStatus::OnBreak,
                          ProviderStanding::OnBreak,
                          tr("Offered no new patients; the visits already yours stay yours"));
    m_offline = addStatus(tr("&Offline"), "setOfflineAction", AvailabilityStatus::Offline,
                          ProviderStanding::Offline, tr("Signed off for now: offered no patients"));
    m_menu->addSeparator();
    m_shift = m_menu->addAction(tr("Your &shift…"), this, &ProviderStatusButton::openShiftDialog);
    m_shift->setObjectName(QStringLiteral("shiftAction"));

    connect(&m_store, &QueueStore::providerChanged, this, &ProviderStatusButton::refresh);
    connect(&m_store, &QueueStore::providersAdded, this, &ProviderStatusButton::refresh);
    connect(&m_store, &QueueStore::providerRemoved, this, &ProviderStatusButton::refresh);
    connect(&m_store, &QueueStore::reset, this, &ProviderStatusButton::refresh);
    connect(&m_session, &SessionState::caregiverChanged, this, [this] {
        // A shift dialog of someone who signed out has nothing left to save.
        m_shiftDialog->close();
        refresh();
    });
    connect(m_shiftDialog, &ShiftDialogHolder::saveRequested, this,
            &ProviderStatusButton::shiftRequested);
    m_refreshTimer.setInterval(kRefreshMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ProviderStatusButton::refresh);
    m_refreshTimer.start();
    refresh();
}

void ProviderStatusButton::setClock(Clock clock) {
    m_clock = std::move(clock);
    refresh();
}

const ProviderStatusRow *ProviderStatusButton::ownRow() const {
    const auto &caregiver = m_session.caregiver();
    return caregiver ? m_store.provider(caregiver->userId) : nullptr;
}

void ProviderStatusButton::refresh() {
    const ProviderStatusRow *own = ownRow();
    const qint64 now = m_clock();
    QString tip;
    if (!own) {
        // Not on the board yet (loading), or not a provider.
        setText(tr("Your status"));
        setDot(standingColour(ProviderStanding::Offline));
        tip = tr("Set whether you are offered patients");
    } else {
        const ProviderStanding standing = standingOf(*own);
        setText(providerStatusText(*own, now));
        setDot(standingColour(standing));
        tip = tr("Your status: %1").arg(providerStatusText(*own, now));
        if (own->statusSinceMs && own->status != AvailabilityStatus::InVisit)
            tip += tr(", since %1").arg(timeOfDayText(*own->statusSinceMs, now));
        tip += QLatin1Char('\n') + (own->hasShift() ? tr("Your shift: %1").arg(shiftText(*own, now))
                                                    : tr("No shift set"));
    }
    setToolTip(tip);
    // What they set is checked; in a visit it is hidden behind the visit.
    m_statusGroup->setExclusive(false);
    m_available->setChecked(own && own->status == AvailabilityStatus::Available);
    m_onBreak->setChecked(own && own->status == AvailabilityStatus::OnBreak);
    m_offline->setChecked(own && own->status == AvailabilityStatus::Offline);
    m_statusGroup->setExclusive(true);
    m_shift->setText(own && own->hasShift() ? tr("Your &shift (%1)…").arg(shiftText(*own, now))
                                            : tr("Your &shift…"));
}

void ProviderStatusButton::setDot(const QColor &colour) {
    if (colour == m_dotColour)
        return;
    m_dotColour = colour;
    setIcon(dotIcon(colour));
}

void ProviderStatusButton::openShiftDialog() {
    m_shiftDialog->open(std::nullopt, ownRow(), m_clock(), window());
}

ShiftDialog *ProviderStatusButton::shiftDialog() const {
    return m_shiftDialog->dialog();
}

void ProviderStatusButton::showShiftSaved(const ShiftRequest &request) {
    m_shiftDialog->showSaved(request);
}

void ProviderStatusButton::showShiftFailed(const ShiftRequest &request,
                                           const RequestFailure &failure) {
    m_shiftDialog->showFailed(request, failure);
}

} // namespace caredesk::console
