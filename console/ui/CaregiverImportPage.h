#pragma once

#include "state/ImportOutcome.h"
#include "state/RequestFailure.h"

#include <QByteArray>
#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace caredesk::console {

class ImportLineModel;

// The Import tab of the Caregivers window: choose a CSV file, preview what it
// would do (a dry run: every line with its outcome, every error with its line
// number), then apply it. Apply is offered only after a preview without errors
// of exactly the file's present content. After applying: the counts, and the
// invitations of the accounts created, to copy or save.
class CaregiverImportPage : public QWidget {
    Q_OBJECT

public:
    using PathQuestion = std::function<QString()>;

    explicit CaregiverImportPage(QWidget *parent = nullptr);

    // Where the file comes from and where invitations are saved, asked of the
    // person unless replaced (tests).
    void setOpenPathQuestion(PathQuestion question) { m_openPath = std::move(question); }
    void setSavePathQuestion(PathQuestion question) { m_savePath = std::move(question); }

    // Chooses this file as if picked in the file dialog.
    void chooseFile(const QString &path);
    void preview();
    void apply();

    void showReport(const caredesk::console::ImportOutcome &outcome);
    void showFailed(const caredesk::console::RequestFailure &failure);
    // Forgets the file, the report and every invitation shown.
    void clear();

    QString summaryText() const;
    QString fileText() const;
    ImportLineModel &lineModel() const { return *m_lines; }
    QTableView *lineTable() const { return m_lineTable; }
    QTableWidget *invitationTable() const { return m_invitations; }
    QPushButton *previewButton() const { return m_preview; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *copyAllButton() const { return m_copyAll; }
    QPushButton *saveInvitationsButton() const { return m_saveInvitations; }
    // The invitations as the text "Copy all" puts on the clipboard.
    QString invitationsText() const;

signals:
    void importRequested(const QByteArray &csv, bool apply);

private:
    enum class Pending { None, Preview, Apply };

    // The file's content now, or the reason it cannot be sent (shown).
    std::optional<QByteArray> readFile();
    void setSummary(const QString &text, bool error = false);
    void showInvitations(const QList<ImportedInvitation> &invitations);
    void saveInvitations();
    void updateButtons();

    ImportLineModel *m_lines;
    QPushButton *m_choose;
    QLabel *m_file;
    QPushButton *m_preview;
    QPushButton *m_apply;
    QLabel *m_summary;
    QTableView *m_lineTable;
    QWidget *m_invitationBox;
    QTableWidget *m_invitations;
    QPushButton *m_copyAll;
    QPushButton *m_saveInvitations;
    QString m_path;
    Pending m_pending = Pending::None;
    QByteArray m_sent;      // the content of the request under way
    QByteArray m_previewed; // content of the last preview without errors
    QList<ImportedInvitation> m_shownInvitations;
    PathQuestion m_openPath;
    PathQuestion m_savePath;
};

} // namespace caredesk::console
