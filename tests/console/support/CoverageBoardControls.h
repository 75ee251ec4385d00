#pragma once

#include "models/ProviderTableModel.h"

#include <QTableView>

namespace caredesk::console::test {

// Picks this provider's row in the coverage board's provider list, as a click
// would; false when the list does not show them.
inline bool selectProvider(QTableView &table, qint64 providerId) {
    for (int row = 0; row < table.model()->rowCount(); ++row) {
        const QModelIndex index = table.model()->index(row, 0);
        if (index.data(ProviderTableModel::ProviderIdRole).toLongLong() == providerId) {
            table.setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

} // namespace caredesk::console::test
