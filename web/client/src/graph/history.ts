// The explore view's edit history: every expand, hide, collapse or clear pushes the step that takes it
// back; Undo pops one.
export class EditHistory {
  private steps: (() => void)[] = [];

  push(undo: () => void): void {
    this.steps.push(undo);
  }

  undo(): boolean {
    const step = this.steps.pop();
    if (!step) return false;
    step();
    return true;
  }

  canUndo(): boolean {
    return this.steps.length > 0;
  }

  reset(): void {
    this.steps = [];
  }
}
