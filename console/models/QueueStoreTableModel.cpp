#include "models/QueueStoreTableModel.h"

#include "state/QueueStore.h"

namespace caredesk::console {

QueueStoreTableModel::QueueStoreTableModel(QueueStore &store, Rows rows, QObject *parent)
    : QAbstractTableModel(parent) {
    switch (rows) {
    case Rows::States:
        follow(store, &QueueStore::statesAboutToBeAdded, &QueueStore::statesAdded,
               &QueueStore::stateChanged, &QueueStore::stateAboutToBeRemoved,
               &QueueStore::stateRemoved);
        break;
    case Rows::Visits:
        follow(store, &QueueStore::visitsAboutToBeAdded, &QueueStore::visitsAdded,
               &QueueStore::visitChanged, &QueueStore::visitAboutToBeRemoved,
               &QueueStore::visitRemoved);
        break;
    case Rows::Providers:
        follow(store, &QueueStore::providersAboutToBeAdded, &QueueStore::providersAdded,
               &QueueStore::providerChanged, &QueueStore::providerAboutToBeRemoved,
               &QueueStore::providerRemoved);
        break;
    }
    connect(&store, &QueueStore::aboutToReset, this, [this] { beginResetModel(); });
    connect(&store, &QueueStore::reset, this, [this] {
        resetting();
        endResetModel();
    });
}

template <typename AboutToAdd, typename Added, typename Changed, typename AboutToRemove,
          typename Removed>
void QueueStoreTableModel::follow(QueueStore &store, AboutToAdd aboutToAdd, Added added,
                                  Changed changed, AboutToRemove aboutToRemove, Removed removed) {
    connect(&store, aboutToAdd, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(&store, added, this, [this] { endInsertRows(); });
    connect(&store, changed, this,
            [this](int row) { emit dataChanged(index(row, 0), index(row, columnCount() - 1)); });
    connect(&store, aboutToRemove, this, [this](int row) { beginRemoveRows({}, row, row); });
    connect(&store, removed, this, [this] { endRemoveRows(); });
}

} // namespace caredesk::console
