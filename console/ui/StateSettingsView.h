#pragma once

#include "protocol/StateSettingsMessages.h"

#include <QWidget>
#include <functional>
#include <optional>

class QFrame;
class QLabel;
class QPushButton;
class QTableView;

namespace caredesk::console {

class SessionState;
class StateScheduleEditor;
class StateSettingsStore;
class StateSettingsTableModel;

// The "States" window: every jurisdiction on the left (offered or not, zone,
// last change), the settings of the selected one on the right. Admins edit
// and save; support staff may read. It shows its own window rather than a
// pane: a week of hours, holidays, special days and limits need more room
// than a pane beside the queue board has, and it is opened now and then, not
// watched all shift.
//
// A save carries the version the admin started from. If someone saved in
// between (conflict), nothing of theirs is overwritten: the admin is told,
// and their edits are discarded only when they agree to reload. Edits are
// never dropped silently when switching states or closing the window.
class StateSettingsView : public QWidget {
    Q_OBJECT

public:
    StateSettingsView(StateSettingsStore &store, SessionState &session, QWidget *parent = nullptr);

    // Shows the window with this state selected (when it is listed).
    void openState(const QString &stateCode);

    // Answers "discard the unsaved changes to <state>?"; true discards. A
    // message box by default; tests answer it directly.
    void setDiscardQuestion(std::function<bool(const QString &stateName)> question);

    QString currentStateCode() const;
    bool hasUnsavedChanges() const;
    bool isSaving() const { return m_saving; }
    StateScheduleEditor &editor() const { return *m_editor; }
    QTableView *stateList() const { return m_list; }
    QString messageText() const;
    QString headerText() const;
    bool conflictShown() const;

    // Outcomes of a save (from the channel).
    void showSaved(const QString &stateCode);
    void showSaveFailed(const QString &stateCode, const QString &code, const QString &message,
                        const QString &field);

public slots:
    void save();
    void revert();
    void reload();

signals:
    void saveRequested(const QString &stateCode, qint64 expectedVersion,
                       const caredesk::protocol::StateSchedule &schedule);
    void reloadRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onCurrentRowChanged(const QModelIndex &current, const QModelIndex &previous);
    void onStoreReset();
    void onStateChanged(int row);
    void loadState(const protocol::StateSettings &settings);
    void selectCode(const QString &code);
    bool mayLeaveCurrent();
    void updateRole();
    void updateButtons();
    void showLoadStatus();
    void showMessage(const QString &text, bool problem);
    QString stateName() const;

    StateSettingsStore &m_store;
    SessionState &m_session;
    StateSettingsTableModel *m_model;
    std::function<bool(const QString &)> m_discardQuestion;
    // The settings being edited, as read from the server.
    std::optional<protocol::StateSettings> m_loaded;
    QString m_wantedCode; // to select once the list arrives
    bool m_discardOnReload = false;
    bool m_saving = false;
    bool m_editable = false;

    QTableView *m_list;
    QLabel *m_loadStatus;
    QPushButton *m_reload;
    QLabel *m_header;
    QLabel *m_details;
    QFrame *m_conflict;
    QLabel *m_conflictText;
    QLabel *m_message;
    QLabel *m_readOnlyNote;
    StateScheduleEditor *m_editor;
    QPushButton *m_save;
    QPushButton *m_revert;
};

} // namespace caredesk::console
