import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { rm, symlink, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A folder holding one version of Safer to build and serve. */
export interface Checkout {
  /** 'base' or 'head'. */
  side: string;
  dir: string;
  /** What was asked for: a ref, or a folder. */
  asked: string;
  /** The commit it holds (for a folder: its HEAD; the working tree may differ from it). */
  commit: string;
  /** Made by this script with `git worktree add`, and removed at the end. */
  worktree: boolean;
  /** For a folder: how many files differ from its HEAD (git status --porcelain). */
  uncommitted?: number;
}

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** The commit a ref names, or an error that says the ref is unknown. */
export function resolveCommit(repo: string, ref: string): string {
  try {
    return git(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`"${ref}" names no commit in ${repo}`);
  }
}

/** Is this an existing folder (a checkout to use as it is) rather than a ref? */
export const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** A folder used as it is (its own node_modules): for the head, by default this checkout with its working tree. */
export function folderCheckout(side: string, dir: string): Checkout {
  const abs = resolve(dir);
  return {
    side,
    dir: abs,
    asked: dir,
    commit: git(abs, ['rev-parse', 'HEAD']),
    worktree: false,
    uncommitted: git(abs, ['status', '--porcelain']).split('\n').filter(Boolean).length,
  };
}

/**
 * `git worktree add --detach` of a ref in the temporary folder, with node_modules
 * a symlink to this checkout's (the dependencies are the same apart from dev tooling).
 */
export async function worktreeCheckout(repo: string, side: string, ref: string, tmp: string): Promise<Checkout> {
  const commit = resolveCommit(repo, ref);
  const dir = join(tmp, `${side}-checkout`);
  git(repo, ['worktree', 'add', '--detach', dir, commit]);
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { side, dir, asked: ref, commit, worktree: true };
}

/** Removes a worktree this script made (the node_modules symlink first, so nothing follows it). */
export async function removeCheckout(repo: string, checkout: Checkout): Promise<void> {
  if (!checkout.worktree) return;
  await unlink(join(checkout.dir, 'node_modules')).catch(() => undefined);
  try {
    git(repo, ['worktree', 'remove', '--force', checkout.dir]);
  } catch {
    await rm(checkout.dir, { recursive: true, force: true });
    git(repo, ['worktree', 'prune']);
  }
}

/** A ref as a folder name: "HEAD~3" → "HEAD-3", with the short commit so two runs cannot be confused. */
export function refLabel(ref: string, commit: string): string {
  return `${ref.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'ref'}@${commit.slice(0, 10)}`;
}
