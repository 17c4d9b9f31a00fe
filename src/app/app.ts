import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { Store } from '@ngrx/store';
import { AuthSession } from './core/auth/auth-session';
import { selectUrlSegments } from './url/router-state';
import { Theme } from './core/theme/theme';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, MatToolbarModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!embedded()) {
      <mat-toolbar class="app-bar">
        <a class="brand" routerLink="/tasks">Compare tasks</a>
        <span class="spacer"></span>
        <button
          mat-icon-button
          type="button"
          (click)="theme.toggle()"
          [title]="theme.isDark() ? 'Switch to light theme' : 'Switch to dark theme'"
          [attr.aria-label]="theme.isDark() ? 'Switch to light theme' : 'Switch to dark theme'"
        >
          <mat-icon>{{ theme.isDark() ? 'light_mode' : 'dark_mode' }}</mat-icon>
        </button>
        @if (session.token()) {
          <button mat-icon-button type="button" (click)="signOut()" title="Sign out" aria-label="Sign out">
            <mat-icon>logout</mat-icon>
          </button>
        }
      </mat-toolbar>
    }
    <main class="app-main"><router-outlet /></main>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      height: 100vh;
    }
    .app-bar {
      flex: 0 0 auto;
      height: 48px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .brand {
      font: var(--mat-sys-title-medium);
      color: inherit;
      text-decoration: none;
    }
    .app-main {
      flex: 1 1 auto;
      min-height: 0;
      overflow: auto;
    }
  `,
})
export class App {
  protected readonly theme = inject(Theme);
  private readonly segments = inject(Store).selectSignal(selectUrlSegments);
  /** `/embed/...` shows one visualization alone (in someone's iframe): no app bar. */
  protected readonly embedded = computed(() => this.segments()[0] === 'embed');
  /** Signed in with access keys (a server on a network): the token can be dropped. */
  protected readonly session = inject(AuthSession);
  private readonly document = inject(DOCUMENT);

  /** Forgets the token and its cookie, then reloads: nothing loaded stays, and the server asks to sign in again. */
  protected signOut(): void {
    this.session.signOut();
    this.document.location.reload();
  }
}
