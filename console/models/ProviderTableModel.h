#pragma once

#include "models/QueueStoreTableModel.h"

#include <QTimer>
#include <functional>

namespace caredesk::console {

class QueueStore;
struct ProviderStatusRow;

// Every active provider as a table, one row per provider in the store's
// order: name, status now (what routing sees: in a visit, offline, off shift,
// on a break or available), since when they set it, the states they are
// licensed in and their shift. Times are of this workstation's zone; the day
// is named when it is not today, so the texts are refreshed once a minute.
class ProviderTableModel : public QueueStoreTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, StatusColumn, SinceColumn, StatesColumn, ShiftColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        ProviderIdRole = Qt::UserRole + 1, // qint64
        StandingRole,                      // int: ProviderStanding
        StateCodesRole,                    // QStringList: licensed in now
        FreeRole,                          // bool: offered the next patient now
        SortRole,                          // per column; status: free first, offline last
    };
    Q_ENUM(Role)

    using Clock = std::function<qint64()>; // ms since the epoch, server clock

    explicit ProviderTableModel(QueueStore &store, QObject *parent = nullptr);

    void setClock(Clock clock);
    // Announces the time-dependent columns as changed, as the timer does.
    void tick();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QVariant display(const ProviderStatusRow &provider, int column) const;
    QVariant sortKey(const ProviderStatusRow &provider, int column) const;
    QString toolTip(const ProviderStatusRow &provider) const;

    QueueStore &m_store;
    Clock m_clock;
    QTimer m_ticker;
};

} // namespace caredesk::console
