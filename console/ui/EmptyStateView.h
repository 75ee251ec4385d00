#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace caredesk::console {

// A calm, centred "nothing here yet" message: a small pictogram, a heading and
// a sentence or two saying what will appear in this place.
class EmptyStateView : public QWidget {
    Q_OBJECT

public:
    enum class Pictogram { List, Conversation, Person, Settings, Video };

    EmptyStateView(Pictogram pictogram, const QString &heading, const QString &explanation,
                   QWidget *parent = nullptr);

    // The background to draw on: Base (the default) for panes, Window for the
    // central area so it reads as the workspace between them.
    void setBackground(QPalette::ColorRole role);

    QString heading() const;
    QString explanation() const;
    // A button under the explanation, for the one thing to do from here.
    QPushButton *addButton(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QLabel *m_heading;
    QLabel *m_explanation;
    QVBoxLayout *m_column = nullptr;
};

} // namespace caredesk::console
