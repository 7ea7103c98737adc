import { useEffect, useMemo, useState, type RefObject } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { toBoardItem, type BoardDocItem } from "~/lib/board-doc";
import type { BoardItem } from "./board";

/**
 * The board as it was rendered, plus what arrived since through the live board doc: new comments on
 * top, new replies under their comment, a moderator's decision applied in place. Until the doc has
 * synced (or without scripts) it is exactly the server's HTML, so hydration matches.
 */
export function useLiveBoard(docName: string, comments: BoardItem[], replies: BoardItem[], boardRef: RefObject<HTMLElement>) {
  const { i18n } = useTranslation();
  const [live, setLive] = useState<BoardDocItem[] | null>(null);
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    const follow = () =>
      import("~/lib/live-board.client")
        .then(({ followBoard }) => {
          if (!cancelled) stop = followBoard(docName, setLive);
        })
        .catch(() => {
          // The live layer is a bonus: the page works without it.
        });
    // The live layer (yjs, about 27 KB) loads when the board comes into view, not with the page: someone
    // who only reads the briefing on a costly connection never downloads it.
    const board = boardRef.current;
    if (!board || typeof IntersectionObserver === "undefined") {
      void follow();
    } else {
      const watcher = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          watcher.disconnect();
          void follow();
        }
      });
      watcher.observe(board);
      return () => {
        cancelled = true;
        watcher.disconnect();
        stop?.();
      };
    }
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [docName, boardRef]);

  return useMemo(() => {
    if (!live) return { comments, replies, arrived: 0 };
    const byId = new Map(live.map((i) => [i.id, i]));
    const shown = new Set([...comments, ...replies].map((i) => i.id));
    const update = (item: BoardItem): BoardItem => {
      const now = byId.get(item.id);
      if (!now) return item;
      // A translation shown by the server stays while the words it translates are unchanged.
      const kept = item.translation && now.body === item.originalBody ? { body: item.body, translation: item.translation, originalBody: item.originalBody } : {};
      return { ...toBoardItem(now, i18n.language), createdOn: item.createdOn, originalOn: item.originalOn, copies: item.copies, hasPhoto: item.hasPhoto, ...kept };
    };
    const fresh = live.filter((i) => !shown.has(i.id) && !i.duplicateOf);
    const newComments = fresh.filter((i) => !i.parentId).reverse().map((i) => toBoardItem(i, i18n.language));
    const parents = new Set([...comments.map((c) => c.id), ...newComments.map((c) => c.id)]);
    const newReplies = fresh.filter((i) => i.parentId && parents.has(i.parentId)).map((i) => toBoardItem(i, i18n.language));
    return {
      comments: [...newComments, ...comments.map(update)],
      replies: [...replies.map(update), ...newReplies],
      arrived: newComments.length + newReplies.length,
    };
  }, [live, comments, replies, i18n.language]);
}

/** Says politely, once per change, how many new inputs arrived while the person reads. */
export function ArrivalAnnouncer({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <p className="visually-hidden" aria-live="polite" role="status">
      {count ? t("inputs:board.arrived", { count }) : ""}
    </p>
  );
}
