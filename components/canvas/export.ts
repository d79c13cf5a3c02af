"use client";
import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

/** Diagram export: the whole diagram (not just what is on screen) as PNG or SVG, and files to download. */

export function download(filename: string, href: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadText(filename: string, text: string, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  download(filename, url);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function exportDiagram(container: HTMLElement, nodes: Node[], format: "png" | "svg"): Promise<string> {
  const viewport = container.querySelector<HTMLElement>(".react-flow__viewport");
  if (!viewport || nodes.length === 0) throw new Error("Nothing to export: the diagram is empty.");
  const bounds = getNodesBounds(nodes);
  const padding = 48;
  const width = Math.min(Math.max(Math.ceil(bounds.width + padding * 2), 400), 8000);
  const height = Math.min(Math.max(Math.ceil(bounds.height + padding * 2), 300), 8000);
  const { x, y, zoom } = getViewportForBounds(bounds, width, height, 0.2, 2, 0.05);
  const background = getComputedStyle(document.body).backgroundColor;
  const options = {
    backgroundColor: background,
    width,
    height,
    pixelRatio: format === "png" ? 2 : 1,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${x}px, ${y}px) scale(${zoom})` },
  };
  return format === "png" ? toPng(viewport, options) : toSvg(viewport, options);
}

export function fileSafe(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "metamodel";
}
