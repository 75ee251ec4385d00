#pragma once

#include <QHash>
#include <QPointer>
#include <QRectF>
#include <QSet>
#include <QWidget>
#include <vector>

class QAbstractItemModel;

namespace caredesk::console {

// The United States as a tile grid, one square per state (DC and the
// territories included), coloured by coverage: the familiar layout that puts
// every state at the same size, so a small state in trouble shows as plainly
// as a large one. Each tile carries the state's code and, when patients wait,
// their number; a legend explains the colours. States CareDesk does not serve
// are drawn faintly.
//
// It is a view of a model with CoverageTableModel's roles (one row per state
// served), read at column 0. Clicking a served tile, or Enter on the tile
// with the keyboard focus (arrow keys move it), activates that state; the
// states shown on the queue board are outlined. Everything is laid out from
// the widget's size and font, so it scales with the pane and the screen.
class StateTileMap : public QWidget {
    Q_OBJECT

public:
    explicit StateTileMap(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    // The states the queue board is narrowed to, outlined (none: all).
    void setSelectedStates(const QSet<QString> &codes);
    QSet<QString> selectedStates() const { return m_selected; }

    // Where this state's tile is drawn now; empty when it is not on the map.
    QRectF tileRect(const QString &code) const;
    // The tile with the keyboard focus ("" before any).
    QString currentState() const { return m_current; }
    void setCurrentState(const QString &code);
    // What a tile says, as its tooltip does.
    QString describe(const QString &code) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void stateActivated(const QString &code);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    struct Tile {
        QString code;
        QString name;
        int column = 0;
        int row = 0;
    };
    struct LegendEntry {
        QColor fill;
        QRectF swatch;
        QRectF label;
        QString text;
        QString explanation;
    };

    void rebuildRows();
    void relayout();
    void layoutLegend(const QRectF &area, qreal &height);
    void moveCurrent(int columnStep, int rowStep);
    void updateAccessibleDescription();
    void paintTile(QPainter &painter, const Tile &tile, const QRectF &rect) const;
    // The tile under this point, or nullptr.
    const Tile *tileAt(const QPointF &point) const;
    // The model's row of a served state, -1 for one not served.
    int rowOf(const QString &code) const { return m_rows.value(code, -1); }
    QVariant value(const QString &code, int role) const;

    QPointer<QAbstractItemModel> m_model;
    QHash<QString, int> m_rows; // state code -> model row
    std::vector<Tile> m_tiles;  // the grid, and served states it does not know
    QHash<QString, QRectF> m_tileRects;
    std::vector<LegendEntry> m_legend;
    qreal m_tileSize = 0;
    QSet<QString> m_selected;
    QString m_current;
    QString m_pressed;
};

} // namespace caredesk::console
