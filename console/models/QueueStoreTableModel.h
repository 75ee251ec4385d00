#pragma once

#include <QAbstractTableModel>

namespace caredesk::console {

class QueueStore;

// A flat table over one kind of the QueueStore's rows, row for row in the
// store's order: the store's announcements become this model's own inserts,
// removals, changes (of the whole row) and resets. Sorting and filtering are
// for proxies on top.
//
// A subclass's own connections to the store are made after these, so its
// slots run once the views know of the change; what must happen before the
// views hear of a reset goes in resetting().
class QueueStoreTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum class Rows { States, Visits, Providers };

protected:
    QueueStoreTableModel(QueueStore &store, Rows rows, QObject *parent);

    // Runs inside a reset, after the store has its new rows and before the
    // views hear of them: drop caches here.
    virtual void resetting() {}

private:
    template <typename AboutToAdd, typename Added, typename Changed, typename AboutToRemove,
              typename Removed>
    void follow(QueueStore &store, AboutToAdd aboutToAdd, Added added, Changed changed,
                AboutToRemove aboutToRemove, Removed removed);
};

} // namespace caredesk::console
