#include "ui/canvas/CanvasExport.h"

#include "ui/canvas/FlowScene.h"

#include <QBuffer>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace evflow::ui::canvas {
namespace {

constexpr double kMargin = 24;
constexpr double kPngScale = 2;

/// Clears the selection while painting (exports show the flow, not the editing state) and
/// restores it afterwards.
class CleanScene
{
public:
    explicit CleanScene(FlowScene &scene)
        : m_scene(scene)
        , m_selected(scene.selectedItems())
    {
        const bool blocked = m_scene.blockSignals(true);
        m_scene.clearSelection();
        m_scene.blockSignals(blocked);
    }
    ~CleanScene()
    {
        const bool blocked = m_scene.blockSignals(true);
        for (QGraphicsItem *item : m_selected)
            item->setSelected(true);
        m_scene.blockSignals(blocked);
    }

private:
    FlowScene &m_scene;
    QList<QGraphicsItem *> m_selected;
};

QRectF exportRect(FlowScene &scene)
{
    QRectF rect = scene.itemsBoundingRect();
    if (rect.isEmpty())
        rect = QRectF(0, 0, 200, 100);
    return rect.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

/// Renders the items on a plain background (no dot grid).
void paintScene(FlowScene &scene, QPainter &painter, const QRectF &target, const QRectF &source)
{
    scene.setGridVisible(false);
    scene.render(&painter, target, source);
    scene.setGridVisible(true);
}

} // namespace

FileResult CanvasExport::toPng(FlowScene &scene, const QString &path)
{
    CleanScene clean(scene);
    const QRectF source = exportRect(scene);
    QImage image((source.size() * kPngScale).toSize(), QImage::Format_ARGB32_Premultiplied);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        paintScene(scene, painter, QRectF(QPointF(), image.size()), source);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return FileResult::failed(tr("%1: the image could not be encoded as PNG").arg(path));
    return DocumentFile::writeAtomically(path, bytes);
}

FileResult CanvasExport::toSvg(FlowScene &scene, const QString &path)
{
    CleanScene clean(scene);
    const QRectF source = exportRect(scene);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(), source.size()));
    generator.setTitle(tr("evflow flow"));
    {
        QPainter painter(&generator);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        paintScene(scene, painter, QRectF(QPointF(), source.size()), source);
    }
    return DocumentFile::writeAtomically(path, bytes);
}

} // namespace evflow::ui::canvas
