#include "ui/ConnectionStatusView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>

namespace caredesk::console {

using Phase = ConnectionState::Phase;

// A filled circle in the colour of the state: green when connected, amber
// while (re)connecting, red when there is no link.
class StatusDot : public QWidget {
public:
    explicit StatusDot(QWidget *parent)
        : QWidget(parent) {
        setFixedSize(10, 10);
    }

    void setColor(const QColor &color) {
        m_color = color;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(m_color);
        painter.drawEllipse(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
    }

private:
    QColor m_color;
};

namespace {

QColor colorFor(Phase phase) {
    switch (phase) {
    case Phase::Connected:
        return QColor(0x2e, 0x7d, 0x32);
    case Phase::Connecting:
    case Phase::Handshaking:
    case Phase::Authenticating:
    case Phase::Reconnecting:
        return QColor(0xef, 0x8f, 0x00);
    case Phase::Disconnected:
        break;
    }
    return QColor(0xc6, 0x28, 0x28);
}

} // namespace

ConnectionStatusView::ConnectionStatusView(QWidget *parent)
    : QWidget(parent)
    , m_dot(new StatusDot(this))
    , m_label(new QLabel(this)) {
    m_label->setObjectName(QStringLiteral("connectionStatusText"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_label);

    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionStatusView::refresh);
    refresh();
}

void ConnectionStatusView::setState(const ConnectionState &state) {
    m_state = state;
    if (state.phase == Phase::Reconnecting) {
        m_retryDeadline = QDeadlineTimer(state.retryInMs);
        m_countdown.start();
    } else {
        m_countdown.stop();
    }
    refresh();
}

QString ConnectionStatusView::text() const {
    return m_label->text();
}

QString ConnectionStatusView::describe(const ConnectionState &state, qint64 remainingMs) {
    switch (state.phase) {
    case Phase::Disconnected:
        return tr("Disconnected");
    case Phase::Connecting:
    case Phase::Handshaking:
        if (state.isReconnect())
            return tr("Reconnecting (attempt %1)…").arg(state.attempt);
        return tr("Connecting…");
    case Phase::Authenticating:
        if (state.isReconnect())
            return tr("Resuming session (attempt %1)…").arg(state.attempt);
        return tr("Signing in…");
    case Phase::Connected:
        return tr("Connected");
    case Phase::Reconnecting: {
        // Rounded up: "in 0 s" while still waiting would read as a lie.
        const qint64 seconds = (std::max<qint64>(remainingMs, 0) + 999) / 1000;
        if (seconds == 0)
            return tr("Reconnecting (attempt %1)…").arg(state.attempt);
        return tr("Reconnecting in %1 s (attempt %2)…").arg(seconds).arg(state.attempt);
    }
    }
    return {};
}

void ConnectionStatusView::refresh() {
    const qint64 remaining =
        m_state.phase == Phase::Reconnecting ? m_retryDeadline.remainingTime() : 0;
    m_label->setText(describe(m_state, remaining));
    m_dot->setColor(colorFor(m_state.phase));
    m_dot->setToolTip(m_label->text());
}

} // namespace caredesk::console
