#pragma once

#include "net/ConnectionState.h"

#include <QDeadlineTimer>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace caredesk::console {

class StatusDot;

// The status bar's connection indicator: a coloured dot and a short sentence,
// e.g. "Connected" or "Reconnecting in 3 s (attempt 2)…". While waiting to
// reconnect it counts down by itself.
class ConnectionStatusView : public QWidget {
    Q_OBJECT

public:
    explicit ConnectionStatusView(QWidget *parent = nullptr);

    void setState(const ConnectionState &state);
    QString text() const;

    // remainingMs: time left before the next reconnect attempt.
    static QString describe(const ConnectionState &state, qint64 remainingMs);

private:
    void refresh();

    StatusDot *m_dot;
    QLabel *m_label;
    ConnectionState m_state;
    QDeadlineTimer m_retryDeadline;
    QTimer m_countdown;
};

} // namespace caredesk::console
