#pragma once

#include "protocol/StateSettingsMessages.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <vector>

namespace caredesk::console {

// Every jurisdiction's settings (hours, holidays, special days, intake limits)
// as the server last listed them, for the state settings editor. Unlike the
// queue board it is not pushed: it is listed when the editor opens or asks,
// and a state saved from this console is replaced by the server's answer.
class StateSettingsStore : public QObject {
    Q_OBJECT

public:
    enum class LoadStatus { NotLoaded, Loading, Loaded, Failed };
    Q_ENUM(LoadStatus)

    explicit StateSettingsStore(QObject *parent = nullptr);

    const std::vector<protocol::StateSettings> &states() const { return m_states; }
    // -1 when absent.
    int row(const QString &code) const { return m_rows.value(code, -1); }
    const protocol::StateSettings *state(const QString &code) const;
    LoadStatus loadStatus() const { return m_status; }
    QString failure() const { return m_failure; }

    void markLoading();
    void markFailed(const QString &message);
    // The whole list, as list_state_settings answered.
    void replaceAll(std::vector<protocol::StateSettings> states);
    // One state as the server now has it (the answer to a save).
    void replace(const protocol::StateSettings &state);
    void clear();

signals:
    void aboutToReset();
    void reset();
    void stateChanged(int row);
    void loadStatusChanged(caredesk::console::StateSettingsStore::LoadStatus status);

private:
    void setStatus(LoadStatus status);

    std::vector<protocol::StateSettings> m_states;
    QHash<QString, int> m_rows;
    LoadStatus m_status = LoadStatus::NotLoaded;
    QString m_failure;
};

} // namespace caredesk::console
