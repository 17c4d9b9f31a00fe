import { Clipboard } from '@angular/cdk/clipboard';
import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { Notices } from '../notice/notices';

/** What the toast says once the text is copied, and what it says before the text when it could not be. */
export interface CopyMessages {
  copied: string;
  notCopied: string;
}

/**
 * Copies a text and says so in a toast. The synchronous copy (CDK, `execCommand`) runs first, inside
 * the click that asked for it, and works on plain-http servers too; when the browser refuses it, the
 * asynchronous Clipboard API is tried; when both fail, the toast shows the text to copy by hand.
 */
@Injectable({ providedIn: 'root' })
export class CopyWithNotice {
  private readonly clipboard = inject(Clipboard);
  private readonly notices = inject(Notices);
  private readonly navigator = inject(DOCUMENT).defaultView?.navigator;

  async copy(text: string, messages: CopyMessages): Promise<boolean> {
    const copied = this.clipboard.copy(text) || (await this.writeAsync(text));
    await this.notices.show(copied ? messages.copied : `${messages.notCopied}: ${text}`, 'OK', { duration: copied ? 4000 : 15000 });
    return copied;
  }

  private async writeAsync(text: string): Promise<boolean> {
    try {
      await this.navigator!.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }
}
