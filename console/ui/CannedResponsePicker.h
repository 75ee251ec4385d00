#pragma once

#include "state/CannedResponseRow.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;

namespace caredesk::console {

// The canned responses to choose from, filtered as the person types (by
// shortcut, title or text). Up and Down move through the list from the
// filter, Enter inserts the chosen one, Escape leaves. The preview shows the
// text as it will be inserted, placeholders filled in.
class CannedResponsePicker : public QDialog {
    Q_OBJECT

public:
    explicit CannedResponsePicker(QWidget *parent = nullptr);

    void setResponses(const QList<caredesk::console::CannedResponseRow> &responses);
    // How a response will read once inserted (placeholders filled in).
    void setExpander(std::function<QString(const QString &body)> expander);
    void setFilter(const QString &filter);
    QString filter() const;
    // Shortcuts of the responses shown, in order.
    QStringList visibleShortcuts() const;
    QLineEdit *filterEdit() const { return m_filter; }

signals:
    // The expanded text to insert.
    void chosen(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void updatePreview();
    void choose();

    QList<CannedResponseRow> m_responses;
    std::function<QString(const QString &)> m_expander;
    QLineEdit *m_filter;
    QListWidget *m_list;
    QLabel *m_preview;
};

} // namespace caredesk::console
