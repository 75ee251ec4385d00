#pragma once

#include "models/QueueStoreTableModel.h"

#include <QHash>
#include <QTimer>
#include <functional>

namespace caredesk::console {

class QueueStore;
struct StateQueueRow;

// The per-state overview of the queue board: status, how many wait and for
// how long, the estimated wait of the next arrival and the licensed providers
// free now. A state where patients wait and no licensed provider is free
// stands out. The longest wait ticks every second, counted from the oldest
// visit in that state's line.
class StateTableModel : public QueueStoreTableModel {
    Q_OBJECT

public:
    enum Column {
        StateColumn,
        StatusColumn,
        WaitingColumn,
        LongestWaitColumn,
        EstimatedWaitColumn,
        ProvidersColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        StateCodeRole = Qt::UserRole + 1, // QString
        StatusRole,                       // int: domain::StateStatus in effect
        ManualStatusRole,                 // int: domain::StateStatus as staff set it
        WaitingRole,                      // qint64
        LongestWaitSecondsRole,           // qint64, now
        ProvidersAvailableRole,           // qint64
        NeedsAttentionRole,               // bool: waiting > 0 and no provider
        UrgencyRole,                      // qint64: larger is more urgent
    };
    Q_ENUM(Role)

    using Clock = std::function<qint64()>; // ms since the epoch, server clock

    explicit StateTableModel(QueueStore &store, QObject *parent = nullptr);

    void setClock(Clock clock);
    // Recounts the longest waits and announces that column (and the urgency)
    // as changed, as the timer does each second.
    void tick();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString statusText(int stateStatus);

protected:
    void resetting() override { m_arrivalsStale = true; }

private:
    QVariant display(const StateQueueRow &state, int column) const;
    QString toolTip(const StateQueueRow &state) const;
    qint64 longestWaitSeconds(const StateQueueRow &state) const;
    qint64 urgency(const StateQueueRow &state) const;
    // State code -> arrival of its longest-waiting visit in line, counted
    // again after the visits changed.
    const QHash<QString, qint64> &oldestArrivals() const;

    QueueStore &m_store;
    Clock m_clock;
    QTimer m_ticker;
    QTimer m_tickSoon;
    mutable QHash<QString, qint64> m_oldestArrival;
    mutable bool m_arrivalsStale = true;
};

} // namespace caredesk::console
