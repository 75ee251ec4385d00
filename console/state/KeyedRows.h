#pragma once

#include <QHash>
#include <QSet>
#include <algorithm>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

namespace caredesk::console {

// Rows of one kind in the order they first arrived, found by their key (the
// member Key of Row): the bookkeeping QueueStore keeps alike for states,
// visits and providers. Every change is announced row by row through the
// Announcer, the about-to call before the rows move and the done call after,
// so a model can hand them on to its views as they are.
// Who hears of the changes of a KeyedRows, and how.
struct RowAnnouncer {
    std::function<void(int first, int last)> aboutToAdd;
    std::function<void(int first, int last)> added;
    std::function<void(int row)> changed;
    std::function<void(int row)> aboutToRemove;
    std::function<void(int row)> removed;
};

template <typename Row, auto Key>
class KeyedRows {
public:
    using KeyType = std::remove_cvref_t<decltype(std::declval<const Row &>().*Key)>;

    explicit KeyedRows(RowAnnouncer announcer)
        : m_announce(std::move(announcer)) {}

    const std::vector<Row> &rows() const { return m_rows; }
    bool empty() const { return m_rows.empty(); }
    // -1 when absent.
    int rowOf(const KeyType &key) const { return m_index.value(key, -1); }
    const Row *find(const KeyType &key) const {
        const int row = rowOf(key);
        return row < 0 ? nullptr : &m_rows[static_cast<std::size_t>(row)];
    }

    // Replaces the rows whose key is known (announcing only those that
    // differ) and appends the others in one insertion. Of two rows with one
    // key, the later wins.
    void upsert(std::vector<Row> rows) {
        std::vector<Row> added;
        QHash<KeyType, std::size_t> addedAt;
        for (auto &row : rows) {
            const KeyType &key = row.*Key;
            const int existing = rowOf(key);
            if (existing >= 0) {
                auto &current = m_rows[static_cast<std::size_t>(existing)];
                if (current == row)
                    continue;
                current = std::move(row);
                m_announce.changed(existing);
                continue;
            }
            if (const auto seen = addedAt.constFind(key); seen != addedAt.cend()) {
                added[*seen] = std::move(row);
                continue;
            }
            addedAt.insert(key, added.size());
            added.push_back(std::move(row));
        }
        if (added.empty())
            return;
        const int first = static_cast<int>(m_rows.size());
        const int last = first + static_cast<int>(added.size()) - 1;
        m_announce.aboutToAdd(first, last);
        m_rows.reserve(m_rows.size() + added.size());
        for (auto &row : added) {
            m_index.insert(row.*Key, static_cast<int>(m_rows.size()));
            m_rows.push_back(std::move(row));
        }
        m_announce.added(first, last);
    }

    // The rows whose key none of these has, in row order.
    std::vector<int> rowsNotIn(const std::vector<Row> &others) const {
        QSet<KeyType> keys;
        keys.reserve(static_cast<qsizetype>(others.size()));
        for (const Row &other : others)
            keys.insert(other.*Key);
        std::vector<int> rows;
        for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
            if (!keys.contains(m_rows[static_cast<std::size_t>(row)].*Key))
                rows.push_back(row);
        }
        return rows;
    }

    // The rows of these keys that are present, in row order.
    template <typename Keys>
    std::vector<int> rowsOf(const Keys &keys) const {
        std::vector<int> rows;
        for (const auto &key : keys) {
            const int row = rowOf(key);
            if (row >= 0)
                rows.push_back(row);
        }
        std::sort(rows.begin(), rows.end());
        rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
        return rows;
    }

    // Removes these rows, from the last back, so each one announced is the
    // row named when it goes. rows: ascending, each at most once.
    void remove(const std::vector<int> &rows) {
        for (auto it = rows.rbegin(); it != rows.rend(); ++it)
            removeAt(*it);
    }

    // Replaces every row without announcing anything: for inside a reset.
    // Of two rows with one key, the first stays.
    void assign(std::vector<Row> rows) {
        m_rows.clear();
        m_index.clear();
        m_rows.reserve(rows.size());
        for (auto &row : rows) {
            if (m_index.contains(row.*Key))
                continue;
            m_index.insert(row.*Key, static_cast<int>(m_rows.size()));
            m_rows.push_back(std::move(row));
        }
    }

private:
    void removeAt(int row) {
        m_announce.aboutToRemove(row);
        m_index.remove(m_rows[static_cast<std::size_t>(row)].*Key);
        m_rows.erase(m_rows.begin() + row);
        for (int later = row; later < static_cast<int>(m_rows.size()); ++later)
            m_index[m_rows[static_cast<std::size_t>(later)].*Key] = later;
        m_announce.removed(row);
    }

    RowAnnouncer m_announce;
    std::vector<Row> m_rows;
    QHash<KeyType, int> m_index;
};

} // namespace caredesk::console
